export * from './contract';
export * from './errors';
export * from './result';
export * from './bridge';
export * from './wire';
