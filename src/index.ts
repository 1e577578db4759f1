// The library's public surface. Each domain is re-exported from its own index; nothing else lives here.
export * from './util/index.js';
export * from './cas/index.js';
export * from './artifacts/index.js';
export * from './records/index.js';
export * from './config/index.js';
export * from './manifest/index.js';
export * from './p2/index.js';
export * from './runs/index.js';
export * from './consume/index.js';
export * from './verify/index.js';
export * from './roots/index.js';
export * from './gc/index.js';
export * from './audit/index.js';
export * from './zip/index.js';
export * from './bundle/index.js';
export * from './pack/index.js';
