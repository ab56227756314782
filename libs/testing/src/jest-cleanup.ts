import { cleanupSynthOutputs } from './synth';

// synthesize(), and every `new App()` without an outdir (Template.fromStack), leave cloud assemblies in the OS temp
// dir: remove them after each test file.
afterAll(() => cleanupSynthOutputs());
