import type { Rule } from '../types';
import singlePersonDependency from './single-person-dependency';
import insufficientInputs from './insufficient-inputs';
import missingKnowhow from './missing-knowhow';
import coordinationBottleneck from './coordination-bottleneck';
import reworkLoop from './rework-loop';
import disconnectedDeliverable from './disconnected-deliverable';
import holdersNotRecorded from './holders-not-recorded';

/** Every rule, in the order findings of equal severity are listed. */
export const RULES: Rule[] = [
  singlePersonDependency,
  insufficientInputs,
  missingKnowhow,
  coordinationBottleneck,
  reworkLoop,
  disconnectedDeliverable,
  holdersNotRecorded,
];
