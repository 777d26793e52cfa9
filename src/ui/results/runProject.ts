import type { Playbook, Project } from '../../model';

/**
 * The project as a stored run saw it: fields, segments, health model, CTAs and routing from the
 * run's own playbook, so labels, colours and CTA texts on Results match the numbers even after
 * the model was edited.
 */
export function projectAsRun(project: Project, pb: Playbook): Project {
  return {
    ...project,
    fields: pb.fields,
    segments: pb.segments,
    health: pb.health,
    ctas: pb.ctas,
    routing: pb.routing,
  };
}
