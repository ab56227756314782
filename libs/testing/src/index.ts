export * from './acknowledgements';
export * from './arbitraries';
export * from './nag';
export * from './resources';
export * from './snapshot-serializer';
export * from './synth';
export * from './fast-check';
