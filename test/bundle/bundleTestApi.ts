// The bundle functions the tests use, plus internals that are not part of the public surface.
export { computePackDigest, orderSections, renderFileTree, sectionOf, splitSectionFileName } from '../../src/bundle/index.js';
export { buildTree as buildTreeForTest } from '../../src/bundle/renderFull.js';
