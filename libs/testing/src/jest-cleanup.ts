import { cleanupSynthOutputs } from './synth';

// Template.fromStack and our synthesize() leave cloud assemblies in the OS temp dir: remove them.
afterAll(() => cleanupSynthOutputs());
