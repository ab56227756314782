import * as fs from 'node:fs';
import * as path from 'node:path';
import { parametersConsumedBy, parametersProducedBy, PARAMETERS } from '@showcore/naming';
import { costOptimized, INTERFACE_ENDPOINT_SERVICES, INTERFACE_ENDPOINT_SERVICE_NAMES } from '../../src/config';

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const producesTable = readme.split('## Produces / Consumes')[1]?.split('\n## ')[0] ?? '';

describe('apps/network/README.md', () => {
  it.each(parametersProducedBy('network'))('lists %s in the Produces table as the registry declares it', (name) => {
    const definition = PARAMETERS[name];
    const readBy = definition.consumers.length > 0 ? definition.consumers.join(', ') : '— (people, tools)';
    expect(producesTable).toContain(`| \`/showcore/<env>/network/${definition.key}\` | ${readBy} | ${definition.description} |`);
  });

  it('lists nothing in the Produces table that the tier does not publish', () => {
    const rows = producesTable.split('\n').filter((line) => line.startsWith('| `/showcore/'));
    expect(rows).toHaveLength(parametersProducedBy('network').length);
  });

  it('says the tier consumes nothing, as the registry does', () => {
    expect(parametersConsumedBy('network')).toEqual([]);
    expect(producesTable).toContain('**Consumes:** nothing');
  });

  it('names every construct ID of the spec and the interface endpoints of the default configuration', () => {
    const ids = ['VPC', 'S3GatewayEndpoint', 'DynamoDBGatewayEndpoint', 'VpcEndpointSecurityGroup', 'ApplicationSecurityGroup'];
    for (const id of [...ids, ...costOptimized.interfaceEndpoints.map((s) => INTERFACE_ENDPOINT_SERVICES[s].constructId)]) {
      expect(readme).toContain(`\`${id}\``);
    }
  });

  it('lists exactly the interface endpoint services the validator knows', () => {
    const listed = readme
      .match(/Known services: ([^(]+)\(/)?.[1]
      .match(/`([^`]+)`/g)
      ?.map((s) => s.slice(1, -1));
    expect(listed).toEqual(INTERFACE_ENDPOINT_SERVICE_NAMES);
  });

  it('shows the per-endpoint-AZ price and the NAT gateway comparison for one and two endpoint AZs', () => {
    const perEndpointAz = 0.01 * 730;
    const natAlternative = 0.045 * 730 + 0.005 * 730;
    expect(readme).toContain(`$${perEndpointAz.toFixed(2)} per endpoint-AZ per month`);
    expect(readme).toContain(`**$${natAlternative.toFixed(2)}/month**`);
    for (const azs of [1, 2]) {
      expect(readme).toContain(`**$${(3 * azs * perEndpointAz).toFixed(2)}/month**`);
    }
  });
});
