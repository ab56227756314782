import { contractDiagram, contractTable, replaceBlock, staleBlocks } from '../contract';

describe('generated contract documentation', () => {
  it('draws every producer -> consumer edge with its parameter keys', () => {
    const diagram = contractDiagram();
    expect(diagram).toContain('network -- "vpc-id<br/>private-subnet-ids<br/>app-security-group-id" --> data');
    expect(diagram).toContain('network -- "vpc-id<br/>private-subnet-ids<br/>app-security-group-id" --> ops');
    expect(diagram).toContain(
      'data -- "db-instance-id<br/>db-resource-id<br/>db-allocated-storage-gb<br/>redis-replication-group-id<br/>redis-probe-user-id" --> ops',
    );
    expect(diagram).toContain('Deploy order (producers first): network → data → edge → ops.');
  });

  it('lists every parameter with its producer and consumers', () => {
    expect(contractTable()).toContain('| `/showcore/<env>/network/vpc-id` | network | data, ops | Id of the ShowCore VPC. |');
  });

  it('replaces only the marked block', () => {
    const text = 'a\n<!-- generated:x (node --import tsx tools/docs/contract.ts) -->\nold\n<!-- /generated:x -->\nb';
    expect(replaceBlock(text, 'x', 'new')).toBe('a\n<!-- generated:x (node --import tsx tools/docs/contract.ts) -->\nnew\n<!-- /generated:x -->\nb');
    expect(replaceBlock(text, 'y', 'new')).toBeUndefined();
  });

  it('keeps README.md and docs/architecture.md in step with the registry', () => {
    const stale = staleBlocks();
    expect(stale).toEqual([]);
  });
});
