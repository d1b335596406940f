/** The report's chapters (domains): the sections a config chooses and the catalogue files its indicators under. */
export const domains = ['demografie', 'wijk', 'armoede', 'jeugdhulp', 'onderwijs', 'signalering', 'verbanden'] as const;
export type Domain = (typeof domains)[number];

export const domainTitles: Record<Domain, string> = {
  demografie: 'Demografie',
  wijk: 'Wijk en stedelijkheid',
  armoede: 'Inkomen en armoede',
  jeugdhulp: 'Jeugdhulp',
  onderwijs: 'Onderwijs',
  signalering: '(Vroeg)signalering',
  verbanden: 'Verbanden',
};
