// ESLint rule: a server module may use another module only through that module's index.ts.
// apps/server/src/modules/<a>/... importing apps/server/src/modules/<b>/<anything but index> fails.
import path from 'node:path';

const MODULES = `${path.sep}apps${path.sep}server${path.sep}src${path.sep}modules${path.sep}`;

function moduleOf(file) {
  const i = file.indexOf(MODULES);
  if (i < 0) return undefined;
  const rest = file.slice(i + MODULES.length).split(path.sep);
  return { name: rest[0], inner: rest.slice(1).join('/') };
}

export const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: "forbid importing another module's internals; import its index.js" },
    messages: { internal: "Module '{{from}}' imports '{{target}}', an internal file of module '{{to}}'. Import '{{to}}/index.js' and export what you need from there." },
    schema: [],
  },
  create(context) {
    const filename = context.filename ?? context.getFilename();
    const from = moduleOf(filename);
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = path.resolve(path.dirname(filename), source.value);
      const to = moduleOf(target + (path.extname(target) ? '' : path.sep));
      if (!to || (from && to.name === from.name)) return;
      const inner = to.inner.replace(/\/$/, '');
      if (inner === '' || inner === 'index.js' || inner === 'index.ts' || inner === 'index') return;
      context.report({ node: source, messageId: 'internal', data: { from: from?.name ?? path.basename(filename), to: to.name, target: source.value } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};
