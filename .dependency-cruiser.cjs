/**
 * Dependency direction (docs/design.md, "Layout"):
 *   util <- api <- machinery <- storage, client <- components <- server, cli
 * Components (apiserver, controllers, scheduler, agent, proxy, dns) never import each other.
 */
const layers = {
  util: [],
  api: ['util'],
  machinery: ['util', 'api'],
  storage: ['util', 'api', 'machinery'],
  client: ['util', 'api', 'machinery'],
  apiserver: ['util', 'api', 'machinery', 'storage'],
  controllers: ['util', 'api', 'machinery', 'client'],
  scheduler: ['util', 'api', 'machinery', 'client'],
  agent: ['util', 'api', 'machinery', 'client'],
  proxy: ['util', 'api', 'machinery', 'client'],
  dns: ['util', 'api', 'machinery', 'client'],
  server: ['util', 'api', 'machinery', 'storage', 'client', 'apiserver', 'controllers', 'scheduler', 'agent', 'proxy', 'dns'],
  cli: ['util', 'api', 'machinery', 'storage', 'client', 'server'],
};

const forbidden = [
  {
    name: 'no-circular',
    severity: 'error',
    comment: 'Import cycles are not allowed.',
    from: {},
    to: { circular: true },
  },
  {
    name: 'no-test-imports-in-src',
    severity: 'error',
    comment: 'Production code must not import test files.',
    from: { path: '^src/', pathNot: '\\.test\\.ts$|/testing/' },
    to: { path: '\\.test\\.ts$' },
  },
];

for (const [layer, allowed] of Object.entries(layers)) {
  const ok = [layer, ...allowed].join('|');
  forbidden.push({
    name: `layer-${layer}`,
    severity: 'error',
    comment: `src/${layer} may only import from: ${allowed.join(', ') || '(nothing)'}`,
    from: { path: `^src/${layer}/` },
    to: { path: '^src/', pathNot: `^src/(${ok})/` },
  });
}

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: 'node_modules|dist' },
  },
};
