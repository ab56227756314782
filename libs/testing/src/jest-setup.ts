// Loaded by jest.preset.js for every project.
import { configureFastCheck } from './fast-check';

// CDK's own CloudFormation validation costs ~2 s per synth; cfn-lint checks the real templates instead.
process.env.CDK_VALIDATION = 'false';

// One seed for every property test of the test file: a fixed one unless SHOWCORE_FC_SEED says otherwise, printed on failure.
configureFastCheck();
