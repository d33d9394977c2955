import type { ExhibitId } from '../../common/exhibits';
import history from './history';
import narrator from './narrator';
import panorama from './panorama';
import postcard from './postcard';
import smile from './smile';
import type { ExhibitDescriptor } from './types';

/**
 * The one list of exhibits. The shell builds the routes and the home menu from it; an exhibit's
 * issue replaces only the content of its folder, never this list.
 */
export const EXHIBITS: readonly ExhibitDescriptor[] = [history, panorama, postcard, smile, narrator];

export function exhibitById(id: ExhibitId): ExhibitDescriptor | undefined {
  return EXHIBITS.find((e) => e.id === id);
}

/** Route name of an exhibit's screen. */
export function exhibitRouteName(id: ExhibitId): string {
  return `exhibit-${id}`;
}
