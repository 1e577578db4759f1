import { TEMP_SUFFIX_BYTES } from '../util/index.js';

/** The longest name most file systems take (ext4, APFS, NTFS, HFS+). */
export const FS_NAME_MAX = 255;

/** The longest name a manifest may hold: it must still fit once a durable write adds its temp suffix. */
export const MAX_NAME_BYTES = FS_NAME_MAX - TEMP_SUFFIX_BYTES;

/** Linux's PATH_MAX less its terminating NUL: the longest absolute path consume can create. */
export const MAX_PATH_BYTES = 4095;
