/**
 * Static export embedded into the trae-health binary.
 * - output: 'export'      -> plain files in web/out, no Node server at run time
 * - trailingSlash: true   -> /recipes/ is emitted as recipes/index.html (no clash with the folder)
 * - generateBuildId fixed -> the inline bootstrap scripts are byte-identical between builds,
 *                            so the CSP sha256 hashes the server computes stay stable.
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  output: 'export',
  trailingSlash: true,
  generateBuildId: async () => 'trae-health',
  poweredByHeader: false,
  reactStrictMode: true,
  images: { unoptimized: true },
  devIndicators: false,
};

export default nextConfig;
