// One namespace per area of the app, so each editor owns its own string files.
import enCommon from './en/common';
import enShell from './en/shell';
import enProjects from './en/projects';
import enPrep from './en/prep';
import enJourney from './en/journey';
import enHealth from './en/health';
import enCta from './en/cta';
import enFields from './en/fields';
import enData from './en/data';
import enResults from './en/results';
import enExpr from './en/expr';
import enCli from './en/cli';
import enPlaybook from './en/playbook';
import jaCommon from './ja/common';
import jaShell from './ja/shell';
import jaProjects from './ja/projects';
import jaPrep from './ja/prep';
import jaJourney from './ja/journey';
import jaHealth from './ja/health';
import jaCta from './ja/cta';
import jaFields from './ja/fields';
import jaData from './ja/data';
import jaResults from './ja/results';
import jaExpr from './ja/expr';
import jaCli from './ja/cli';
import jaPlaybook from './ja/playbook';
import enHistory from './en/history';
import jaHistory from './ja/history';
import enJourneyLive from './en/journeyLive';
import jaJourneyLive from './ja/journeyLive';
import enResultsWork from './en/resultsWork';
import jaResultsWork from './ja/resultsWork';
import enMapCells from './en/mapCells';
import jaMapCells from './ja/mapCells';
import enOverview from './en/overview';
import jaOverview from './ja/overview';

export const NAMESPACES = [
  'common',
  'shell',
  'projects',
  'prep',
  'journey',
  'health',
  'cta',
  'fields',
  'data',
  'results',
  'expr',
  'cli',
  'playbook',
  'history',
  'journeyLive',
  'resultsWork',
  'mapCells',
  'overview',
] as const;

export const resources = {
  en: {
    common: enCommon,
    shell: enShell,
    projects: enProjects,
    prep: enPrep,
    journey: enJourney,
    health: enHealth,
    cta: enCta,
    fields: enFields,
    data: enData,
    results: enResults,
    expr: enExpr,
    cli: enCli,
    playbook: enPlaybook,
    history: enHistory,
    journeyLive: enJourneyLive,
    resultsWork: enResultsWork,
    mapCells: enMapCells,
    overview: enOverview,
  },
  ja: {
    common: jaCommon,
    shell: jaShell,
    projects: jaProjects,
    prep: jaPrep,
    journey: jaJourney,
    health: jaHealth,
    cta: jaCta,
    fields: jaFields,
    data: jaData,
    results: jaResults,
    expr: jaExpr,
    cli: jaCli,
    playbook: jaPlaybook,
    history: jaHistory,
    journeyLive: jaJourneyLive,
    resultsWork: jaResultsWork,
    mapCells: jaMapCells,
    overview: jaOverview,
  },
};
