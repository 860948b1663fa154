/**
 * The wallboard area's database operations (repository functions, database first),
 * spread into ../operations.ts. Split into more files beside this one as it grows.
 */
export const wallboardOperations = {};
