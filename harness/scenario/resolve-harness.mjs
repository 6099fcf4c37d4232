// Module resolve hook for scenario and flow files, registered by
// module-hooks.ts (and the engine's worker threads) before they are imported.
//
// - `import … from 'harness'` resolves to this harness, wherever the file lives
//   (inside this repository the package's self-reference does it too).
// - A TypeScript file outside any package that says `"type": "module"` would be
//   loaded by tsx as CommonJS, where `import 'harness'` becomes a `require` that
//   no ESM hook sees. Scenario files are written as ES modules (every shipped
//   one is), so a .ts/.tsx file outside node_modules is loaded as one.
const INDEX = new URL('../index.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'harness') return nextResolve(INDEX, context);
  const resolved = await nextResolve(specifier, context);
  if (
    resolved.format === 'commonjs' &&
    /\.tsx?(\?|$)/.test(resolved.url) &&
    resolved.url.startsWith('file:') &&
    !resolved.url.includes('/node_modules/')
  )
    return { ...resolved, format: 'module' };
  return resolved;
}
