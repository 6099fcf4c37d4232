/**
 * The JS k6 runs, from the generated TypeScript: esbuild strips the types
 * and bundles a scripted flow (and whatever it imports) into the one file,
 * leaving k6's own modules (`k6`, `k6/http`…) to k6. The target is ES2017:
 * what k6 v0.48's JS runtime takes (async/await included).
 */
import { build } from 'esbuild';
import { InvalidInputError } from '../../../model/index.ts';

/** `resolveDir`: where relative imports of the source (the flow) resolve from. */
export async function bundleK6Script(
  source: string,
  resolveDir: string,
  sourcefile = 'script.ts',
): Promise<string> {
  try {
    const result = await build({
      stdin: { contents: source, resolveDir, sourcefile, loader: 'ts' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      target: 'es2017',
      external: ['k6', 'k6/*'],
      legalComments: 'none',
      logLevel: 'silent',
    });
    // esbuild names the entry in a first comment; say instead where the JS comes from.
    const js = result.outputFiles[0]!.text.replace(/^\/\/ .*\n/, '');
    return `// Bundled by harness from ${sourcefile} (esbuild): edit that file, not this one.\n${js}`;
  } catch (err) {
    const errors = (err as { errors?: { text: string; location?: { file: string; line: number } | null }[] })
      .errors;
    throw new InvalidInputError(
      sourcefile,
      (errors ?? [{ text: (err as Error).message }]).map((e) => ({
        path: 'location' in e && e.location ? `${e.location.file}:${e.location.line}` : '',
        message: e.text,
      })),
      'the k6 script could not be bundled: a scripted flow must import only what esbuild can bundle',
    );
  }
}
