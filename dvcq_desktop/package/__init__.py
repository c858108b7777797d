"""The `.dvcq` submission package (format 1): writer, strict reader, verify. No Qt, no database."""

from dvcq_desktop.package.codec import submission_from_dict, submission_to_dict
from dvcq_desktop.package.errors import PackageError
from dvcq_desktop.package.limits import DEFAULT_LIMITS, Limits
from dvcq_desktop.package.model import Generator, Manifest, MemberEntry, Package
from dvcq_desktop.package.reader import read_member, read_package
from dvcq_desktop.package.verify import VerifyResult, verify_path, verify_paths
from dvcq_desktop.package.writer import BuiltPackage, WrittenPackage, build_package, write_package

__all__ = [
    "DEFAULT_LIMITS",
    "BuiltPackage",
    "Generator",
    "Limits",
    "Manifest",
    "MemberEntry",
    "Package",
    "PackageError",
    "VerifyResult",
    "WrittenPackage",
    "build_package",
    "read_member",
    "read_package",
    "submission_from_dict",
    "submission_to_dict",
    "verify_path",
    "verify_paths",
    "write_package",
]
