/**
 * Node flags the language server runs with, wherever it is started (VS Code client, the bin's shebang,
 * the benchmark). A 4 MiB young-generation semi-space instead of Node's 16 MiB: parsing makes much
 * short-lived garbage, and a smaller nursery keeps the resident set ~30 MiB lower (BENCHMARKS.md) at no
 * measurable cost in speed. Keep in step with the shebang in scripts/build.mjs.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4'];
