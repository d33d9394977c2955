import type { Router } from 'vue-router';
import type { ExhibitId } from '../../common/exhibits';
import type { LessonTarget } from '../../common/pack/groupsSection';
import { exhibitById, exhibitRouteName } from '../exhibits/registry';
import { visibleExhibits } from '../shell/visibleExhibits';

/** The exhibit a lesson step shows. */
export function targetExhibit(target: LessonTarget): ExhibitId {
  return target.kind === 'story' ? 'history' : target.kind;
}

/**
 * Puts the big screen where a lesson step points: the exhibit's screen, then the exhibit's own `showTarget` (a story's
 * page, a panorama node and building, a postcard scene, a narrator clip). Answers false, showing nothing, when this
 * kiosk does not show that exhibit (its profile leaves it out): the guide's bar then says so and the group stays where
 * it is.
 */
export async function showLessonTarget(router: Router, target: LessonTarget): Promise<boolean> {
  const id = targetExhibit(target);
  if (!visibleExhibits().includes(id)) return false;
  const name = exhibitRouteName(id);
  if (router.currentRoute.value.name !== name) await router.push({ name });
  // The route's component (and with it the exhibit's store) is loaded once the navigation resolves.
  await exhibitById(id)?.showTarget?.(target);
  return true;
}
