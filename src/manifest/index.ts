export { fileExt } from './fileExt.js';
