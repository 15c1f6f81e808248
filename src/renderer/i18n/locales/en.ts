import type { Translation } from './de';

/** English UI texts. Typed against the German file so a missing key fails the type check. */
export const en: Translation = {
  app: {
    // The product's name; it stays German like the office's own name.
    name: 'KVÜ Innendienst',
  },
  header: {
    language: 'Language',
  },
  languages: {
    de: 'Deutsch',
    en: 'English',
  },
  views: {
    cases: 'Cases',
  },
  cases: {
    gridLabel: 'Cases',
    count_one: '{{formatted}} case',
    count_other: '{{formatted}} cases',
    countLoading: 'Loading cases …',
    loadingRow: 'Loading …',
    sortBy: 'Sort by {{column}}',
    sortByDistrict: 'Sort by district',
    columns: {
      fileNumber: 'File number',
      plate: 'Plate',
      offence: 'Offence',
      fine: 'Amount',
      place: 'Location',
      observedAt: 'Time',
      status: 'Status',
    },
    status: {
      open: 'open',
      disputed: 'disputed',
      awaiting_statement: 'statement due',
      decided: 'decided',
      withdrawn: 'withdrawn',
      forwarded: 'forwarded',
      closed: 'closed',
    },
    filter: {
      label: 'Filter by status',
      all: 'All',
      disputed: 'Disputed',
      awaiting_statement: 'Awaiting statement',
      open: 'Open',
      decided: 'Decided',
      withdrawn: 'Withdrawn',
      forwarded: 'Forwarded',
      closed: 'Closed',
    },
    empty: {
      firstSyncTitle: 'Loading cases for the first time',
      firstSyncBody:
        'Cases are being transferred from the server and will appear here gradually. Please keep the application open.',
      noneTitle: 'No cases yet',
      noneBody: 'As soon as field officers record offences, they will appear here automatically.',
      offlineTitle: 'No cases loaded yet',
      offlineBody:
        'The server cannot be reached at the moment. Cases will load automatically once the connection is back.',
      filteredTitle: 'No cases with status “{{status}}”',
      filteredBody: 'Choose another status or show all cases.',
      showAll: 'Show all cases',
    },
    error: {
      title: 'The cases could not be loaded.',
      partTitle: 'Part of the list could not be loaded.',
      body: 'Please try again. If the problem persists, restart the application or contact IT support.',
      retry: 'Try again',
    },
  },
  sync: {
    barLabel: 'Synchronisation',
    state: {
      starting: 'Connecting …',
      syncing: 'Synchronising …',
      idle: 'Up to date',
      offline: 'Offline – server unreachable',
      error: 'Error',
    },
    localCount_one: '{{formatted}} case stored locally',
    localCount_other: '{{formatted}} cases stored locally',
    lastSynced: 'Last synchronised: {{time}}',
    neverSynced: 'Not synchronised yet',
    progressRows_one: '{{formatted}} change',
    progressRows_other: '{{formatted}} changes',
    progressEta_one: 'about {{count}} min left',
    progressEta_other: 'about {{count}} min left',
    progressEtaUnderMinute: 'less than 1 min left',
    progressDetail: '{{rows}} changes applied, {{megabytes}} MB read',
    banner: {
      offlineTitle: 'The server cannot be reached.',
      errorTitle: 'Synchronisation is failing.',
      staleSince: 'The data shown is as of {{time}}.',
      noDataYet: 'No data has been loaded from the server yet.',
      offlineAction:
        'You can keep working with the data you have; the connection will be restored automatically.',
      errorAction:
        'Synchronisation will be retried automatically. If this message persists, please contact IT support.',
      details: 'Technical detail: {{error}}',
    },
  },
  errors: {
    unexpectedTitle: 'An unexpected error occurred.',
    unexpectedBody: 'Your data is stored locally and will not be lost. Please reload the view.',
    reload: 'Reload view',
  },
};
