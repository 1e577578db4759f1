import ignore from 'ignore';
const name = process.argv[3] ?? 'a'.repeat(60);
const pat = process.argv[2];
const ig = ignore().add(pat);
let t = Date.now(); const r = ig.ignores(name); console.log(JSON.stringify(pat), r, Date.now()-t, 'ms');
