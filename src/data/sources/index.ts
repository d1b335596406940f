/**
 * The registry: every source module, once. The loader runs the modules with a `load` in this
 * order (later ones may use what earlier ones matched: jeugdzorg's 2021 wijken are KWB 2021's);
 * the catalogue, the figure list, `sources` (colophon, citations) and the fetch catalogue are
 * derived from it. A new source is one module file here plus one line below.
 */
import type { SourceModule } from './types.js';
import { koppeltabelModule } from './cbs-gebieden.js';
import { grenzenModule } from './pdok-grenzen.js';
import { kwb2022Module } from './kwb-2022.js';
import { kwb2023Module } from './kwb-2023.js';
import { kwb2024Module } from './kwb-2024.js';
import { kwb2023UtrechtModule } from './kwb-2023-utrecht.js';
import { kwb2021Module } from './kwb-2021.js';
import { kwb2023SociaalModule, kwb2024SociaalModule } from './kwb-sociaal.js';
import { inkomen2020Module } from './cbs-inkomen-2020.js';
import { jeugdzorgNaturaModule } from './jeugdzorg-natura.js';
import { jeugdzorgIndicatorenModule } from './jeugdzorg-indicatoren.js';
import { poScholenModule } from './duo-po-scholen.js';
import { achterstandModule } from './cbs-achterstand.js';
import { voLeerlingenModule } from './duo-register.js';
import { examensModule } from './duo-examens.js';
import { schooladviezenModule } from './duo-schooladviezen.js';
import { scholen2024Module } from './duo-scholen-2024.js';
import { duoAdviesModule } from './duo-advies.js';
import { sesWoa2019Module } from './cbs-ses-woa-2019.js';

export const sourceModules: readonly SourceModule[] = [
  // Core: read by load-dataset.ts itself (gemeenten, wijken, geometry).
  koppeltabelModule,
  kwb2022Module,
  kwb2023Module,
  kwb2024Module,
  grenzenModule,
  // Loaded in this order.
  kwb2023UtrechtModule,
  kwb2021Module,
  // Newer editions after KWB 2021 (kwb-editions.ts): their 2023 wijken are matched like 2021's.
  kwb2023SociaalModule,
  kwb2024SociaalModule,
  inkomen2020Module,
  jeugdzorgNaturaModule,
  jeugdzorgIndicatorenModule,
  poScholenModule,
  achterstandModule,
  voLeerlingenModule,
  examensModule,
  schooladviezenModule,
  sesWoa2019Module,
  // Read on demand.
  scholen2024Module,
  duoAdviesModule,
];
