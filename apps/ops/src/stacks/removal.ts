import { RemovalPolicy } from 'aws-cdk-lib';
import type { RemovalChoice } from '../config';

export function removalPolicyOf(choice: RemovalChoice): RemovalPolicy {
  return choice === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}
