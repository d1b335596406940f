import { quote, shown } from './escape.js';

/**
 * Every user-facing error message, as a function, so tests assert on the same
 * text users see. Each names the file, the field or row, and the fix.
 */
export const messages = {
  dataFileMissing: (dataDir: string, file: string) =>
    `data file ${file} not found in the data directory ${dataDir}. Get the public data with \`npx contextkaart data fetch\` (needs internet), or point --data (or CONTEXTKAART_DATA) at a data directory that holds cbs/, duo/ and geo/ (or \`data unpack\` a bundle made elsewhere with \`data pack\`).`,
  dataSwitchUnfinished: (dataDir: string) =>
    `the data directory ${dataDir} is being switched to a newer version, or a data fetch was stopped while switching it. Run \`npx contextkaart data status --data ${dataDir}\` to finish or roll back the switch, then try again.`,
  dataFileUnreadable: (path: string, reason: string) => `${path}: cannot be read as JSON (${reason}). Restore the original file from the data source.`,
  dataColumnMissing: (path: string, column: string) => `${path}: column "${column}" is missing. The file does not have the layout described in SOURCES.md.`,
  // contextkaart data fetch / status / check (issue 14)
  fetchTableFailed: (name: string, tableId: string, year: number, url: string, problem: string, kind: 'failed' | 'invalid' | 'not-published') =>
    `  ${name} (${tableId}, ${year}): ${kind === 'not-published' ? 'not published: ' : kind === 'invalid' ? 'unexpected content: ' : ''}${problem}\n    URL: ${url}`,
  fetchFailed: (dir: string, staging: string, lines: string[]) =>
    `data fetch did not complete, so ${dir} was left as it was: no table arrived and passed its checks.\n${lines.join('\n')}\nA table fetched before a stop is kept in ${staging} and reused by the next run. A table that is not published yet cannot be fetched: leave out its year (--year) or wait for the publisher.`,
  // Per-table safety, publishers tried one by one, offline (issue 22)
  fetchPartial: (dir: string, switched: number, selected: number, lines: string[], retry: string) =>
    `data fetch was partial: ${switched} of ${selected} table(s) arrived, passed their checks and are switched into ${dir}; these did not:\n${lines.join('\n')}\n${retry}`,
  fetchKeptPrevious: (fetchedAt: string | undefined) => `    → the previous version stays in use${fetchedAt ? ` (fetched ${fetchedAt.slice(0, 16).replace('T', ' ')})` : ''}`,
  fetchAbsentOptional: () => '    → absent (an optional table: the report leaves its figures out and says so in the verantwoording)',
  fetchAbsentRequired: () => '    → absent (a required table, never fetched before)',
  fetchNothingMissing: (dir: string) => `data fetch --missing: ${dir} has every selected table and none failed in its last fetch; nothing to ask (run without --missing for the newest versions).`,
  fetchRetryHint: (only: string[]) =>
    `Run \`contextkaart data fetch --missing\` later to ask again for just these tables${only.length === 1 ? ` (or only this publisher: --only ${only[0]})` : ''}. A table that is not published yet cannot be fetched: leave out its year (--year) or wait for the publisher.`,
  fetchCannotRender: (dir: string, files: string[]) =>
    `${dir} cannot render a report yet: required table(s) never fetched: ${files.join(', ')}. Run \`npx contextkaart data fetch\` again when the publisher answers (see the lines above), or point --data at a complete data directory.`,
  fetchRendersWithout: (files: string[]) => `The report renders; the verantwoording names what it lacks (${files.join(', ')}).`,
  fetchPublisherSkipped: (publisher: string, reason: string) =>
    `not tried: ${publisher} did not answer an earlier table of this run (${reason}), so its other tables were skipped; the other publishers were tried`,
  fetchOffline: (hosts: string[], dir: string, reason: string) =>
    `no connection to ${hosts.join(', ')}: offline, or a proxy is needed (HTTPS_PROXY); see contextkaart data fetch --help. Nothing was fetched and ${dir} was left as it was (${reason}).`,
  fetchYearNotAvailable: (year: number, kwbTableId: string | null) =>
    kwbTableId
      ? `no tables of ${year} in this version of contextkaart: CBS has published Kerncijfers wijken en buurten ${year} (table ${kwbTableId}), but the report's indicators use the editions up to 2024. Fetch without --year.`
      : `no tables of ${year}: CBS has not (yet) published Kerncijfers wijken en buurten ${year}, and nothing is taken from another year. Fetch without --year, or with a year the catalogue has (2019-2024).`,
  fetchNothingSelected: (only: string | undefined, year: number | undefined) =>
    `--only ${only ?? '(all)'}${year !== undefined ? ` --year ${year}` : ''} selects no table. Use --only cbs, duo or pdok, and a --year from 2019 to 2024 (see --dry-run).`,
  fetchBadYear: (value: string) => `--year "${value}" is not a year (e.g. --year 2023).`,
  fetchNewerKwb: (year: number, tableId: string, newest: number) =>
    `note: CBS has published Kerncijfers wijken en buurten ${year} (table ${tableId}); this version of contextkaart reads the editions up to ${newest}, so its figures are not used yet.`,
  fetchForeignDir: (dir: string) =>
    `${dir} holds files but no datapackage.json, so data fetch did not make it; it is never replaced. Fetch into an empty or new folder (--data DIR), or leave out --data for ~/.cache/contextkaart/data.`,
  // Safe switch, datapackage.json and disk space in data fetch / status / check (issue 21)
  dataPackageUnreadable: (path: string, reason: string, dir: string) =>
    `${path} cannot be read as the datapackage.json data fetch writes (${reason}): it was cut off or edited. Fetch again into a new folder (--data NEW_DIR), or delete ${dir} and run \`npx contextkaart data fetch\` again; nothing in ${dir} was changed.`,
  fetchNoSpace: (path: string, dir: string, staging: string) =>
    `the disk is full: cannot write ${path}. The staging folder ${staging} was removed (no half-written file is left) and ${dir} was left as it was. Free some space (the tables take about 40 MB, twice while switching), or give a data directory on another disk with --data.`,
  fetchNotWritable: (path: string, reason: string) => `cannot write ${path}: ${reason}. Give a writable data directory with --data.`,
  fetchSwitchCompleted: (dir: string, how: 'finished' | 'rolled back') =>
    `note: the switch of ${dir} by an earlier data fetch was interrupted (killed?); it was ${how === 'finished' ? 'finished: the tables that fetch had validated are in place' : 'rolled back: the previous data is in place again'}.`,
  fetchPointsLeftOut: (file: string, n: number, of: number) =>
    `${file}: ${n} of ${of} school points lie outside the gemeente they belong to (wrongly geocoded?); they are left out of the map and asked again at the next fetch.`,
  // Bounds and the same-host rule (issue 21): reasons within fetchTableFailed's line, which names the table and URL.
  fetchTooLarge: (max: number, declared?: number) =>
    `the answer is larger than the cap of ${mib(max)}${declared !== undefined ? ` (it announces ${mib(declared)})` : ' (counted after decompression; reading stopped there)'}; no real table is that large. If the publisher's table really grew, raise the cap with --max-response-mb`,
  fetchForeignLink: (what: string, link: string, from: string) =>
    `${what} to ${shown(link)} leaves the publisher's host (${shown(hostOf(from))}, https only); it was not followed and nothing from it was taken. Fetch from the publisher's own address (check --base-url)`,
  fetchTooManyRedirects: (max: number, last: string) => `more than ${max} redirects (the last to ${shown(last)}); not followed further. Try again later, or check --base-url`,
  fetchTooManyPages: (max: number, rows: number) =>
    `still more pages after ${max} (${rows.toLocaleString('en-GB')} rows/features so far): endless paging is refused. If the table really is that long, raise the cap with --max-pages`,
  fetchTooManyRows: (max: number) => `more than ${max.toLocaleString('en-GB')} rows/features; no real table is that long. If it really is, raise the cap with --max-rows`,
  fetchTooManyVertices: (where: string, count: number, max: number, option: string) =>
    `${where} has more than ${max.toLocaleString('en-GB')} coordinates (counted ${count.toLocaleString('en-GB')} before stopping); no real boundary has that many. If it really does, raise the cap with ${option}`,
  fetchBadShape: (what: string, expected: string, got: string) =>
    `${what} is ${got}, expected ${expected}: the answer does not have the publisher's documented layout (a broken or changed service); nothing of it was taken. Try again later; if it persists, the publisher changed its interface`,
  fetchBadOption: (option: string, value: string, expected: string) => `${option} "${value}" is not ${expected}.`,
  dataCheckMissing: (file: string) => `  ${file}: missing. Fetch it with \`npx contextkaart data fetch\` (or copy it from the staged directory).`,
  dataCheckChanged: (file: string) => `  ${file}: its sha256 differs from datapackage.json (changed after the fetch). Fetch it again with \`npx contextkaart data fetch\`.`,
  dataCheckInvalid: (file: string, problem: string) => `  ${file}: ${problem}. Fetch it again with \`npx contextkaart data fetch\`; if the publisher changed the table, the catalogue in src/fetch/catalogue.ts needs updating.`,
  importNoSource: () => 'data import needs the workbook: `contextkaart data import <file.xlsx or URL>` (for example the CBS achterstandsscores 2019 as downloaded from cbs.nl).',
  importNeedsFetchedDir: (dir: string) =>
    `${dir} has no datapackage.json: data import adds to a directory made by \`contextkaart data fetch\`. Fetch first, or give that directory with --data.`,
  importUnreadable: (source: string, reason: string) => `cannot read ${source}: ${reason}. Give the path (or URL) of the workbook as downloaded from the publisher.`,
  importNotWorkbook: (source: string, reason: string) => `${source} is not an Excel workbook (.xlsx): ${reason}. Download the .xlsx from the publisher again; a workbook saved as .xls or .ods must be saved as .xlsx first.`,
  importUnknownWorkbook: (source: string, sheets: string[]) =>
    `${source} is not a publication data import knows (sheets: ${sheets.join(', ') || 'none'}). It takes CBS "Achterstandsscores basisscholen, 2019" (sheets "Tabel 1" and "Tabel 2") as published on cbs.nl.`,
  importInvalid: (source: string, problems: string[]) =>
    `${source} does not have the layout of CBS "Achterstandsscores basisscholen, 2019" (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was written:\n${problems.slice(0, 20).map((p) => `  ${p}`).join('\n')}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''}\nUse the workbook as CBS published it, unchanged.`,
  dataCheckFailed: (dir: string, problems: string[]) => `data directory ${dir} fails the check (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.join('\n')}`,
  // data pack / unpack: a verified bundle for a machine without internet (issue 22, item 7)
  packNoDir: (dir: string) => `there is no data directory ${dir} to pack. Fetch it first with \`npx contextkaart data fetch\`, or give it with --data DIR.`,
  packNoDataPackage: (dir: string) =>
    `${dir} has no datapackage.json, so nothing says what its files should be; data pack bundles only a directory made by \`contextkaart data fetch\` (a staged copy such as ../shared/data is not one). Fetch into a folder (--data DIR) and pack that.`,
  packProblems: (dir: string, problems: string[]) =>
    `${dir} cannot be packed: the bundle must hold exactly what its datapackage.json describes, unchanged (${problems.length} problem${problems.length === 1 ? '' : 's'}); no bundle was written:\n${listed(problems)}\nFetch the directory again (\`npx contextkaart data fetch --data ${dir}\`), then pack.`,
  packNotDescribed: (file: string) => `${file}: not described in datapackage.json (copied in by hand?); remove it, or fetch the directory again`,
  packMissing: (file: string) => `${file}: described in datapackage.json but missing from the directory`,
  packChanged: (file: string, what: string) => `${file}: ${what} (changed after the fetch)`,
  packNoHash: (file: string) => `${file}: described in datapackage.json without a sha256`,
  packNotRegular: (file: string) => `${file}: a symbolic link or special file; a bundle holds only regular files`,
  packOutputInside: (out: string, dir: string) => `-o ${out} lies inside the data directory ${dir}; write the bundle elsewhere (the directory may hold only what its datapackage.json describes).`,
  packWritten: (file: string, bytes: number, files: number, fetched: string) => `✓ ${file}: ${mib(bytes)}, ${files} file${files === 1 ? '' : 's'} and datapackage.json, data fetched ${fetched}; every sha256 checked. Unpack it on the other machine with \`contextkaart data unpack ${file}\`.`,
  unpackNoBundle: () => 'data unpack needs the bundle: `contextkaart data unpack <contextkaart-data-….zip>` (written by `contextkaart data pack` on a machine with internet).',
  unpackUnreadable: (bundle: string, reason: string) => `cannot read the bundle ${bundle}: ${reason}. Give the .zip file \`contextkaart data pack\` wrote.`,
  unpackRefused: (bundle: string, dir: string, problems: string[]) =>
    `the bundle ${bundle} is refused (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing in ${dir} was changed:\n${listed(problems)}\nAsk for a new bundle (\`contextkaart data fetch\`, then \`contextkaart data pack\`), copied whole and unchanged.`,
  unpackDamaged: (reason: string) => `the archive is damaged or cut off (${reason}); copy the whole file again`,
  unpackTooLarge: (bytes: number, max: number) => `the file is ${mib(bytes)}, more than a bundle can be (its files may inflate to ${mib(max)} together)`,
  unpackBadName: (name: string, why: string) => `${shown(name)}: ${why}; refused (an entry may only name a file inside the data directory)`,
  unpackSymlink: (name: string) => `${shown(name)}: a symbolic link; refused (a bundle holds only regular files)`,
  unpackDuplicate: (name: string) => `${shown(name)}: in the archive twice`,
  unpackUnknown: (name: string) => `${shown(name)}: not described in the bundle's datapackage.json; refused`,
  unpackNoDataPackage: () => `datapackage.json: missing from the bundle (not made by \`contextkaart data pack\`)`,
  unpackBadDataPackage: (reason: string) => `datapackage.json: ${reason}`,
  unpackMissing: (file: string) => `${file}: described in the bundle's datapackage.json but not in the archive`,
  unpackChanged: (file: string, what: string) => `${file}: ${what} (changed or damaged after packing)`,
  unpackLacksTable: (file: string) => `${file}: not in the bundle, and data check requires it (was the fetch that was packed partial?)`,
  unpackInvalid: (file: string, problem: string) => `${file}: ${problem} (the plausibility rules of data check)`,
  unpackForeignDir: (dir: string) =>
    `${dir} holds files but no datapackage.json, so contextkaart did not make it; it is never replaced. Unpack into an empty or new folder (--data DIR), or leave out --data for ~/.cache/contextkaart/data.`,
  unpackDone: (bundle: string, dir: string, files: number, fetched: string) =>
    `✓ ${dir}: ${files} file${files === 1 ? '' : 's'} from ${bundle} switched in (data fetched ${fetched}); every sha256 and the plausibility rules of data check passed. Render with --data ${dir} (the default when ../shared/data is absent).`,
  unknownGemeente: (query: string, suggestions: string[]) =>
    `unknown gemeente "${query}". Give a CBS code (GM0363) or a name of the 342 gemeenten${suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : '.'}`,
  ambiguousGemeente: (query: string, matches: string[]) =>
    `"${query}" is the name of ${matches.length} gemeenten: ${matches.join(', ')}. Give the CBS code or the name with its addition, e.g. "${matches[matches.length - 1].replace(/ \(GM\d{4}\)$/, '')}".`,
  unknownWijk: (file: string, field: string, code: string) =>
    `${file}: ${field} "${code}" is not a wijk code of the 2024 indeling (WK + 6 characters, e.g. WK079601). List the wijken of its gemeente with \`contextkaart wijken ${/^WK\d{4}/i.test(code.trim()) ? `GM${code.trim().slice(2, 6)}` : '<gemeente>'}\`.`,
  configNotFound: (file: string) => `${file}: region config not found. Give a path to a .yaml file, a CBS code (GM0796) or a gemeente name.`,
  configYamlSyntax: (file: string, line: number, col: number, reason: string) => `${file}:${line}:${col}: YAML syntax error: ${reason}. Fix the indentation or quoting on that line.`,
  configInvalid: (file: string, line: number | undefined, path: string, problem: string, fix: string) =>
    `${file}${line ? `:${line}` : ''}: ${path || '(top level)'}: ${problem}. ${fix}`,
  unknownIndicator: (file: string, field: string, id: string, suggestions: string[]) =>
    `${file}: ${field}: unknown indicator "${id}"${suggestions.length ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : '.'} See \`contextkaart indicators\` for the catalogue.`,
  unknownFigure: (file: string, field: string, id: string, known: string[]) =>
    `${file}: ${field}: unknown figure "${id}". Known figures: ${known.join(', ')}.`,
  noWijkData: (file: string, field: string, id: string) =>
    `${file}: ${field}: indicator "${id}" has no values per wijk, so it cannot be mapped. Use "vergelijking:${id}" or an indicator with wijk data (see \`contextkaart indicators\`).`,
  emptyRegionSet: (what: string) => `${what} names no gemeente. Give codes or names, one per line (or comma-separated).`,
  unknownInSet: (file: string | undefined, line: number, entry: string, suggestions: string[]) =>
    `${file ? `${file}:${line}` : `--gemeenten item ${line}`}: unknown gemeente "${entry}"${suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : '.'} Nothing was rendered.`,
  gkaPartial: (known: number, total: number, file: string) =>
    `the GKA list in the data directory (${file}) holds ${known} of the ${total} member gemeenten; this run renders those ${known}. Give the full list as a file: --gemeenten gka-lijst.txt`,
  badShard: (value: string) => `--shard "${value}" is not k/n with 1 ≤ k ≤ n (e.g. --shard 3/8).`,
  manifestUnreadable: (path: string, reason: string) => `${path}: not a contextkaart manifest (${reason}). Give the manifest.json files of batch output folders.`,
  badConcurrency: (value: string) => `--concurrency "${value}" must be a whole number of 1 or more.`,
  duplicateInSet: (key: string) => `"${key}" occurs twice in --gemeenten. Give each gemeente or config once.`,
  extraIdTaken: (file: string, id: string) =>
    `extraData (${file}): indicator id "${id}" is already in the catalogue. Give your own indicator another id (e.g. "${id}_eigen").`,
  peerIsRegion: (file: string, name: string) => `${file}: comparisons.peers: ${name} is part of the region itself. A region is never its own peer; remove it from the list.`,
  recipientsNotFound: (file: string) => `${file}: recipients file not found. Give a CSV with the header bestuur,bevoegd_gezag,email,gemeenten.`,
  recipientsHeader: (file: string, missing: string[]) => `${file}:1: header lacks ${missing.join(', ')}. The header must be bestuur,bevoegd_gezag,email,gemeenten.`,
  recipientsEmpty: (file: string) => `${file}: no recipients below the header.`,
  recipientsRow: (file: string, line: number, field: string, problem: string, fix: string) => `${file}:${line}: ${field}: ${problem}. ${fix}`,
  recipientsInvalid: (file: string, n: number) => `${file}: ${n} problem${n === 1 ? '' : 's'} in the recipients; nothing was sent:`,
  manifestNotFound: (file: string) => `${file}: manifest not found. Give the manifest.json of a batch output folder (npx contextkaart batch … -o <folder>).`,
  smtpMissing: () => 'no SMTP server given. Use --smtp smtp://user:password@host:587, the environment variable SMTP_URL, or --smtp-config smtp.json.',
  smtpBadUrl: (url: string) => `--smtp "${url}" is not an smtp:// or smtps:// URL (e.g. smtp://user:password@mail.example.nl:587).`,
  fromMissing: () => 'no sender address. Use --from "Naam <adres@domein.nl>" or "from" in the SMTP config file.',
  mailTemplate: (file: string, reason: string) => `${file}: mail template problem: ${reason}. The first line must be "Onderwerp: …", then an empty line and the body.`,
  pdfChanged: (path: string) => `${path} is missing or differs from the manifest (sha256); not sent. Render it again with batch, then send.`,
  badPort: (value: string) => `--port "${value}" is not a port number (1 to 65535, e.g. 4321).`,
  previewWrongHost: (url: string) => `Misdirected request: this preview answers only at ${url} (the Host header names another address). Open that address.`,
  sendInDoubt: (bestuur: string, bevoegdGezag: string, to: string[], messageId: string, at: string) =>
    `in doubt: the message to ${bestuur} (${bevoegdGezag}) <${to.join(', ')}>, Message-ID ${messageId}, was handed to the SMTP server at ${at}, but its answer was not recorded (the run was stopped or the connection broke after the last byte); the server may have accepted it. It is not sent again by itself. Check the server's log or ask the recipient, then run again with --in-doubt sent (it arrived) or --in-doubt resend (send it again, with the same Message-ID).`,
  fileNotFound: (file: string, field: string, path: string) => `${file}: ${field}: file "${path}" not found (paths are relative to the config file).`,
  logoUnsupported: (file: string, path: string) => `${file}: client.logo: "${path}" is not an SVG, PNG or JPEG file. Convert the logo to one of these.`,
  extraDataHeader: (file: string, missing: string[]) =>
    `${file}:1: header lacks column(s) ${missing.join(', ')}. Extra data needs the header "code,indicator,year,value" (optional: numerator,denominator).`,
  extraDataNotUtf8: (file: string) => `${file}: not UTF-8 text; read as Windows-1252 (as Excel saves CSV on Windows). Save it as "CSV UTF-8" to be sure of every letter.`,
  extraDataRow: (file: string, line: number, field: string, problem: string, fix: string) => `${file}:${line}: ${field}: ${problem}. ${fix}`,
  browserNotFound: (tried: string[], platform: NodeJS.Platform = process.platform) =>
    `no Chromium, Chrome or Edge found (looked at: ${tried.slice(0, 10).join(', ')}${tried.length > 10 ? ` and ${tried.length - 10} more on the PATH` : ''}). ${browserInstallHint(platform)} Or set PUPPETEER_EXECUTABLE_PATH or --browser to its path.`,
  browserLaunchFailed: (path: string, reason: string) => `could not start the browser ${path}: ${reason}. Check that it runs: \`${path} --headless --version\`.`,
  pageBlockedRequest: (url: string) => `the report page tried to load ${url}; reports may load nothing from the network or outside their own content.`,
  pageError: (text: string) => `the report page raised an error: ${text}`,
  renderTimeout: (ms: number) => `the report page was not ready within ${ms} ms. Try again; if it persists, run with --debug.`,
  lockNotWritable: (path: string, reason: string) =>
    `cannot write the lock file ${path}: ${reason}. The command writes its results in that folder: make it writable, or work on a writable copy of it.`,
  outputNotWritable: (path: string, reason: string) => `cannot write ${path}: ${reason}. Free space or fix the permissions, or write elsewhere (render and batch: -o; data fetch and data import: --data).`,
  outputBelowFile: (path: string, file: string) =>
    `cannot write ${shown(path)}: ${shown(file)} is a file, not a folder, so nothing can be written below it. Choose another path with -o, or move ${shown(file)} away.`,
  // Bad and hostile input (issue 12): values from the input are shown with quote()/shown(), control characters escaped.
  configTooLarge: (file: string, bytes: number, max: number, line?: number) =>
    `${shown(file)}${line ? `:${line}` : ''}: the config is ${kB(bytes)} (${bytes.toLocaleString('en-GB')} bytes); a region config may be at most ${kB(max)}${line ? `, and it passes that on line ${line}` : ''}. Put long texts in Markdown files next to it (sections[].textFile).`,
  configYamlAliases: (file: string, max: number, reason: string) =>
    `${shown(file)}: YAML aliases (*name) expand too far or cannot be resolved (${reason}; at most ${max} alias uses). Write the values out instead of repeating them with aliases.`,
  configRepeated: (file: string, line: number | undefined, field: string, value: string, first: string) =>
    `${shown(file)}${line ? `:${line}` : ''}: ${field}: ${quote(value)} is given twice (also at ${first}). Give it once; put everything for it in one place.`,
  fileOutsideConfig: (file: string, field: string, path: string, folder: string) =>
    `${shown(file)}: ${field}: ${quote(path)} is outside the config's folder ${shown(folder)}. A region config reads only files in its own folder and below (no absolute paths, no "..", no symlinks out); move the file there, or, if you trust this config, run with --allow-outside-files (or CONTEXTKAART_ALLOW_OUTSIDE_FILES=1).`,
  fileNotRegular: (file: string, field: string, path: string) =>
    `${shown(file)}: ${field}: ${quote(path)} is not a regular file (a folder, device or pipe). Give the path of a file.`,
  fileTooLarge: (file: string, field: string, path: string, bytes: number, max: number) =>
    `${shown(file)}: ${field}: ${quote(path)} is ${kB(bytes)}; at most ${kB(max)} is read. Shorten the file.`,
  logoNotImage: (file: string, path: string, expected: string) =>
    `${shown(file)}: client.logo: ${quote(path)} is not ${expected} (its bytes do not start like one). Export the logo again as SVG, PNG or JPEG.`,
  logoInvalid: (file: string, path: string, problem: string) =>
    `${shown(file)}: client.logo: ${quote(path)} is not a usable image: ${problem}. Export the logo again as SVG (root element <svg xmlns="http://www.w3.org/2000/svg">), PNG or JPEG.`,
  logoTooLarge: (file: string, path: string, bytes: number, max: number) =>
    `${shown(file)}: client.logo: ${quote(path)} is ${kB(bytes)}; a logo may be at most ${kB(max)}. Export it smaller (a logo needs about 600 pixels wide).`,
  logoTooManyPixels: (file: string, path: string, width: number, height: number, max: number) =>
    `${shown(file)}: client.logo: ${quote(path)} is ${width}×${height} pixels; a logo may be at most ${max}×${max}. Scale it down (a logo needs about 600 pixels wide).`,
  extraDataNoRows: (file: string) =>
    `${shown(file)}: the header has no rows below it. Add one row per code, indicator and year, or remove the file from extraData.`,
  extraDataIndicatorWithoutRows: (file: string, id: string) =>
    `${shown(file)}: indicator ${quote(id)} is declared in the config but has no rows in the file; its figure and table row are left out. Add its rows or remove it from extraData[].indicators.`,
  extraDataPartialCounts: (file: string, id: string, line: number) =>
    `${shown(file)}:${line}: indicator ${quote(id)} has numerator and denominator on some rows but not on this one, so values of several gemeenten are not combined. Give both on every row (NL01 excepted) to recompute areas of several gemeenten.`,
  textFileNotText: (file: string, field: string, path: string, problem: string) =>
    `${shown(file)}: ${field}: ${quote(path)} is not a text file: ${problem}. Give a Markdown file saved as UTF-8.`,
  extraIndicatorUnused: (file: string, field: string, id: string, domain: string) =>
    `${shown(file)}: ${field}: your indicator ${quote(id)} appears in no section, so it would silently be left out (no section has domain ${domain}, or those that do leave it out of their indicators and figures). Add a section with domain ${domain}, name it in a section's indicators or figures, or remove it from extraData.`,
  extraDataFractionalCount: (file: string, line: number, field: string, raw: string) =>
    `${shown(file)}:${line}: ${field}: ${quote(raw)} is not a whole number. Counts are normally whole; check that this is a count (a weighted count is allowed).`,
  // One run at a time per folder (src/pipeline/folder-lock.ts)
  folderLocked: (folder: string, lockFile: string, pid: number, host: string, command: string, startedAt: string) =>
    `${shown(folder)} is in use by another run: ${shown(command)} (pid ${pid} on ${shown(host)}, since ${shownTime(startedAt)}). Wait for it to finish, or if that process no longer runs, remove ${shown(lockFile)}.`,
  folderLockUnreadable: (folder: string, lockFile: string) =>
    `${shown(folder)} is locked by ${shown(lockFile)}, which does not say which run holds it (empty or not a contextkaart lock). If no contextkaart run is using the folder, remove ${shown(lockFile)}.`,
  lockNotAFile: (folder: string, lockFile: string, reason: string) =>
    `${shown(folder)} cannot be locked: ${shown(lockFile)} is in the way (${reason}). No contextkaart run makes it so: if no run is using the folder, remove ${shown(lockFile)}, then run again.`,
  staleLockTakenOver: (lockFile: string, pid: number, command: string, startedAt: string) =>
    `note: took over the lock ${shown(lockFile)} of ${shown(command)} (pid ${pid}, since ${shownTime(startedAt)}), which no longer runs.`,
  // Accessibility (issue 13)
  brandColourTooLight: (file: string, field: string, colour: string, ratio: string, textColour: string, graphicColour: string) =>
    `${shown(file)}: ${field}: ${quote(colour)} has a contrast of ${ratio}:1 on white, too light for text (WCAG AA needs 4.5:1). Headings and table figures will use ${textColour}${graphicColour !== colour ? `, bars and lines ${graphicColour} (3:1)` : ''}. Give a darker brand colour to have it used as it is.`,
  // validate before the data, lists, init, schema (issue 23, helper C)
  configUnknownWijk: (file: string, field: string, code: string, gemeente: { code: string; name: string } | undefined, wijken: { code: string; name: string }[]) =>
    `${shown(file)}: ${field}: ${quote(code)} is not a wijk code of the 2024 indeling${
      gemeente
        ? `. The wijken of ${gemeente.name} (${gemeente.code}): ${wijken.slice(0, 12).map((w) => `${w.code} ${shown(w.name)}`).join(', ')}${wijken.length > 12 ? `, … (${wijken.length} in all: \`contextkaart wijken ${gemeente.code}\`)` : ''}.`
        : ` (WK + 6 digits, e.g. WK079601). List the wijken of a gemeente with \`contextkaart wijken <gemeente>\`.`
    }`,
  configUnknownFigure: (file: string, field: string, id: string, near: string[], domain: string | undefined, domainFigures: string[], kinds: string[]) =>
    `${shown(file)}: ${field}: unknown figure ${quote(id)}${near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : '.'} ${
      domain && domainFigures.length ? `The figures of ${domain}: ${domainFigures.join(', ')}; or` : 'Use a named figure or'
    } ${kinds.map((k) => `${k}:<indicator>`).join(', ')} (\`contextkaart indicators${domain ? ` --domain ${domain}` : ''}\` lists the ids).`,
  configExtraIdTaken: (file: string, field: string, id: string) =>
    `${shown(file)}: ${field}: ${quote(id)} is already an indicator of the catalogue. Give your own indicator another id (e.g. "${id}_eigen").`,
  configNotCheckedAgainstData: (dataDir: string, reason: string) =>
    `names and codes were not checked: the gemeente and wijk lists of the data directory ${shown(dataDir)} cannot be read (${reason}). Point --data at a data directory, or run \`contextkaart data fetch\`.`,
  configProblems: (file: string, n: number) =>
    `${shown(file)}: ${n} problem${n === 1 ? '' : 's'} in the config; the data was not read. Fix ${n === 1 ? 'it' : 'them'} and run validate again.`,
  initExists: (files: string[]) =>
    `init did not write anything: ${files.map((f) => shown(f)).join(', ')} already exist${files.length === 1 ? 's' : ''}. Choose another folder, or add --force to overwrite ${files.length === 1 ? 'it' : 'them'}.`,
  unknownProvince: (query: string, known: string[]) => `unknown province ${quote(query)}. Give one of: ${known.join(', ')}.`,
  unknownDomain: (query: string, known: readonly string[]) => `unknown domain ${quote(query)}. Give one of: ${known.join(', ')}.`,
  // CLI conventions (issue 23, helper B)
  sendNoSender: (placeholder: string) =>
    `--send needs a real sender: give --from "Programma GKA <gka@example.nl>", set SMTP_FROM, or put "from" in the --smtp-config file. Without one the messages would go out as ${quote(placeholder)}.`,
  sendInvalidSender: (from: string) =>
    `--send needs a real sender: ${quote(from)} is not an address a board can answer (a .invalid domain). Give --from "Programma GKA <gka@example.nl>", SMTP_FROM, or "from" in the --smtp-config file.`,
  sendPlaceholderSender: (placeholder: string) =>
    `warning: no sender given; the .eml files say From: ${placeholder}. --send refuses to run without --from, SMTP_FROM or "from" in the SMTP config.`,
  unknownOptionSuggestion: (option: string, suggestion: string) => `unknown option ${option}; did you mean ${suggestion}?`,
  unknownCommandSuggestion: (typed: string, suggestion: string) => `unknown command ${quote(typed)}; did you mean ${suggestion}?`,
  unexpectedArgument: (word: string) => `unexpected argument ${quote(word)}`,
  openFailed: (command: string, reason: string) => `could not open a browser with ${quote(command)} (${reason}); open the address above yourself.`,
  // Interrupts and region sets (issue 23 item 4).
  browserInterrupted: () => 'interrupted: no browser is started after Ctrl-C',
  sameGemeenteTwice: (first: string, again: string, gemeente: string) =>
    first === again ? `${first} is named twice: rendered once` : `${first} and ${again} are the same gemeente (${gemeente}): rendered once`,
  sameConfigTwice: (first: string, again: string) => (first === again ? `${first} is named twice: rendered once` : `${first} and ${again} are the same config file: rendered once`),
  // Newer KWB editions (issue 22 item 5b).
  kwbEditionMismatch: (path: string, line: number, found: string, expected: number) =>
    `${path}:${line}: kwb_jaar is ${quote(found)}, but this file holds KWB ${expected}. Fetch it again with \`contextkaart data fetch\`, or remove it to show the older editions only.`,
  // validate checks the rows of extra-data files in its config stage (issue 23 item 1 follow-up).
  extraDataNotText: (file: string) =>
    `${shown(file)}: not CSV text: it holds NUL bytes (saved as UTF-16 "Unicode text", or a spreadsheet file). Save it from the spreadsheet as "CSV UTF-8 (comma delimited)".`,
  extraDataMoreProblems: (file: string, more: number, fromLine: number, listedProblems: number) =>
    `${shown(file)}:${fromLine}: ${more} more problem${more === 1 ? '' : 's'} from this line on, not listed (the first ${listedProblems} are above). Fix those and run validate again.`,
  // CLI defects a reviewer found (issue 23 review, helper I).
  optionNeedsValue: (option: string, what: string) => `${option} needs a value: ${what}.`,
  outputPdfForSeveral: (output: string, regions: number) =>
    `-o ${quote(output)} names one PDF, but ${regions} regions were given. Give a folder (e.g. -o out/regions/, one <id>.pdf per region), or render the regions one at a time.`,
  missingPositional: (command: string, name: string, what: string, example?: string) => `${command} needs ${name}: give ${what}${example ? `, e.g. \`contextkaart ${command} ${example}\`` : ''}.`,
  missingOption: (option: string, what: string, typed?: string) =>
    `missing ${option}${typed ? ` (you typed ${typed}; did you mean ${option}?)` : ''}: ${what}.`,
  unknownChoice: (option: string, given: string, choices: string[], near?: string) =>
    `unknown value ${quote(given)} for ${option}; choose ${choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}` : choices[0]}${near ? ` (did you mean ${near}?)` : ''}.`,
  unknownProvinceNear: (query: string, near: string, known: string[]) => `unknown province ${quote(query)}; did you mean ${near}? The provinces: ${known.join(', ')}.`,
  gemeenteWithoutReport: (name: string, code: string, failed: boolean) =>
    `${name} (${code}) has no contextkaart in the manifest${failed ? ' (its render failed)' : ''}`,
};

/** Problems one per line, at most 20 (the rest counted). */
function listed(problems: string[]): string {
  return `${problems.slice(0, 20).map((p) => `  ${p}`).join('\n')}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''}`;
}

function mib(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function kB(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

/** An ISO time from a lock file as "2026-11-28 14:03:12 UTC" (shown as it is when it is not one). */
function shownTime(iso: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : shown(String(iso));
}

/** How to install a browser to print with, per platform (src/print/find-browser.ts). */
function browserInstallHint(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Install Google Chrome: from google.com/chrome or with `brew install --cask google-chrome` (Microsoft Edge works too).';
  if (platform === 'win32') return 'Install Google Chrome (google.com/chrome); Microsoft Edge, which comes with Windows, also works.';
  return 'Install Chromium: `npm run setup` in a clone, or Debian/Ubuntu `apt-get install chromium`, Fedora `dnf install chromium`, Alpine `apk add chromium`, openSUSE `zypper install chromium`.';
}
