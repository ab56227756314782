// Loaded by jest.preset.js for every project.
// CDK's own CloudFormation validation costs ~2 s per synth; cfn-lint checks the real templates instead.
process.env.CDK_VALIDATION = 'false';
