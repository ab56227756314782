import { parseArgs, tierOption } from '../args';

describe('--tier', () => {
  it('returns the tier it names', () => {
    expect(tierOption(parseArgs(['--tier=data'], ['tier']))).toBe('data');
    expect(tierOption(parseArgs(['--tier', 'ops'], ['tier']), { required: true })).toBe('ops');
  });

  it('is undefined when absent, unless required', () => {
    expect(tierOption(parseArgs([], ['tier']))).toBeUndefined();
    expect(() => tierOption(parseArgs([], ['tier']), { required: true })).toThrow('--tier must name a tier (network, data, edge, ops); got nothing.');
  });

  it('refuses an unknown tier, naming it and the choices', () => {
    expect(() => tierOption(parseArgs(['--tier=databse'], ['tier']))).toThrow('--tier must name a tier (network, data, edge, ops); got "databse".');
    expect(() => tierOption(parseArgs(['--tier'], ['tier']))).toThrow('got "true"');
  });
});
