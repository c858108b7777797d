"""Tools around the app rather than in it: screenshots, help images, the bundle smoke mode, the sample office."""
