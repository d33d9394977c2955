import type { Component } from 'vue';
import type { ExhibitId } from '../../common/exhibits';
import type { LessonTarget } from '../../common/pack/groupsSection';

/** Everything the shell knows about an exhibit; each `src/exhibits/<id>/index.ts` exports one. */
export interface ExhibitDescriptor {
  id: ExhibitId;
  /** vue-i18n keys (src/i18n/*.ts) of the card's title, its other-language subtitle and one-line description. */
  titleKey: string;
  subtitleKey: string;
  descriptionKey: string;
  /** A small inline-SVG component: no external assets. */
  icon: Component;
  /** The card's accent colour (CSS colour). */
  accent: string;
  /** The exhibit's screen, loaded only when first opened. */
  component: () => Promise<Component>;
  /**
   * The exhibit's own operator screen (calibration, cameras, printer...), shown in the console's
   * "Exhibits" tab behind the PIN; loaded only when that tab opens. Absent: nothing to set.
   */
  operatorPanel?: () => Promise<Component>;
  /**
   * A screen to be looked at rather than touched (the smile meter's big screen). When it is the only exhibit a
   * kiosk shows, the kiosk shows it in place of the attract screen and the idle timeout does not send it away.
   */
  passiveDisplay?: boolean;
  /**
   * Work the exhibit does in the background from app start, whatever screen shows (the smile meter's cameras), on a
   * kiosk whose profile includes it; src/shell/exhibitBackgrounds.ts starts it and calls stop() when the profile drops it.
   */
  background?: () => Promise<{ stop(): void }>;
  /**
   * A guided lesson's step (common/pack/groupsSection.ts) that points into this exhibit: puts the exhibit's screen
   * where the step says (a story's page, a panorama node with a building open, a postcard scene, a narrator clip).
   * Called by the lesson runner once the exhibit's route is entered, so the exhibit's store exists. Absent: the
   * exhibit's own start screen is the step (the smile meter's big screen).
   */
  showTarget?: (target: LessonTarget) => Promise<void>;
}
