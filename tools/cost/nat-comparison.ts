/**
 * The spec's cost case for "no NAT gateway" counted interface endpoints at ~$7/month each; they are billed per
 * endpoint per AZ. This compares the design's interface endpoints with the same VPC using one NAT gateway (and
 * its public IPv4 address) instead, at the design's own AZ count, and states the break-even.
 */
import type { CostLine, NatComparison } from './model';
import { formatUnitPrice, formatUsd, roundCents, sumCents } from './money';
import type { PriceTable } from './price-table';

const ENDPOINT_HOUR = 'vpc.interface-endpoint.hour';

function priceOf(prices: PriceTable, key: string): number {
  const price = prices.prices.get(key);
  if (!price) throw new Error(`The NAT comparison needs the price "${key}", which ${prices.file} does not have. Add it with its source URL.`);
  return price.usd;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Undefined when the lines have no interface endpoint (e.g. a report for a tier without them). */
export function compareWithNatGateway(lines: readonly CostLine[], prices: PriceTable): NatComparison | undefined {
  const endpoints = lines.filter((line) => line.priceKey === ENDPOINT_HOUR);
  if (endpoints.length === 0) return undefined;
  const hours = prices.hoursPerMonth;
  const perEndpointAz = roundCents(priceOf(prices, ENDPOINT_HOUR) * hours);
  const endpointAzs = endpoints.reduce((sum, line) => sum + line.quantity / hours, 0);
  const azCount = Math.max(...endpoints.map((line) => line.quantity / hours));
  const endpointsMonthly = sumCents(endpoints.map((line) => line.monthly));
  const natGatewayMonthly = roundCents(priceOf(prices, 'vpc.nat-gateway.hour') * hours);
  const publicIpv4Monthly = roundCents(priceOf(prices, 'vpc.public-ipv4.hour') * hours);
  const natAlternativeMonthly = sumCents([natGatewayMonthly, publicIpv4Monthly]);
  const difference = sumCents([endpointsMonthly, -natAlternativeMonthly]);
  const breakEvenEndpointAzs = Math.floor(natAlternativeMonthly / perEndpointAz + 1e-9);
  const savingPerGb = priceOf(prices, 'vpc.nat-gateway.gb') - priceOf(prices, 'vpc.interface-endpoint.gb');
  const breakEvenGb = difference > 0 && savingPerGb > 0 ? Math.round((difference / savingPerGb) * 10) / 10 : undefined;

  const n = endpoints.length;
  const verdict =
    difference > 0
      ? `The endpoints cost ${formatUsd(difference)}/month MORE than the NAT gateway`
      : difference < 0
        ? `The endpoints save ${formatUsd(-difference)}/month against the NAT gateway`
        : 'The endpoints cost the same as the NAT gateway';
  const inOneAz = roundCents(n * perEndpointAz);
  const statement = [
    `This design: ${plural(n, 'interface endpoint')} × ${plural(azCount, 'AZ')} = ${endpointAzs} endpoint-AZs × ${formatUsd(perEndpointAz)} = ${formatUsd(endpointsMonthly)}/month.`,
    `The same VPC with one NAT gateway instead: ${formatUsd(natGatewayMonthly)} + public IPv4 ${formatUsd(publicIpv4Monthly)} = ${formatUsd(natAlternativeMonthly)}/month.`,
    `${verdict}.`,
    `Break-even: ${breakEvenEndpointAzs} endpoint-AZs (${formatUsd(breakEvenEndpointAzs * perEndpointAz)}); in ${plural(azCount, 'AZ')} that is at most ${plural(Math.floor(breakEvenEndpointAzs / azCount), 'endpoint')}.`,
    azCount > 1
      ? `The same ${plural(n, 'endpoint')} in 1 AZ would cost ${formatUsd(inOneAz)}/month (${inOneAz <= natAlternativeMonthly ? 'not more than' : 'more than'} ${formatUsd(natAlternativeMonthly)}).`
      : '',
    breakEvenGb !== undefined
      ? `Data processing is cheaper through endpoints (${formatUnitPrice(savingPerGb)}/GB less), so above ${breakEvenGb} GB/month processed the endpoints come out ahead.`
      : '',
    azCount > 1 ? `One NAT gateway is a single-AZ dependency; one per AZ would cost ${formatUsd(azCount * natAlternativeMonthly)}/month.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    interfaceEndpoints: n,
    endpointAzs,
    azCount,
    endpointsMonthly,
    natGatewayMonthly,
    publicIpv4Monthly,
    natAlternativeMonthly,
    difference,
    breakEvenEndpointAzs,
    breakEvenGb,
    statement,
  };
}
