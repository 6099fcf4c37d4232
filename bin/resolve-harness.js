// Module resolve hook: `import … from 'harness'` in a scenario file resolves to
// this harness, wherever the file lives (inside this repository the package's
// self-reference does it; outside, this hook does).
const INDEX = new URL('../harness/index.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'harness') return nextResolve(INDEX, context);
  return nextResolve(specifier, context);
}
