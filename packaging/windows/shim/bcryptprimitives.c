/* Test-harness shim, never shipped: Wine 8 has no bcryptprimitives.dll, yet Rust's standard
 * library (rpds-py for jsonschema, cryptography) imports bcryptprimitives!ProcessPrng for its
 * random numbers. This DLL provides ProcessPrng by forwarding to advapi32's SystemFunction036
 * (RtlGenRandom), which Wine has. Loaded with WINEDLLOVERRIDES=bcryptprimitives=n,b. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
