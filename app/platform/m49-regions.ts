// The UN M49 geographic regions (unstats.un.org/unsd/methodology/m49) as a tree, so a region
// filter means what a reader expects: "Americas" (019) takes in Latin America and the Caribbean,
// South America, the Caribbean… and every country in them; "Sub-Saharan Africa" (202) takes in
// Western Africa (011) and the other intermediate regions. Countries are ISO 3166-1 alpha-2 codes
// listed under their smallest M49 region. "North America" (003) is M49's second grouping of the
// same areas, so a region can sit under two parents. World (001) is not a parent here: on these
// pages it is the region of a global project ("Global"), not "everything" (decision 023).

/** Region → the regions directly inside it. */
const subRegions: Readonly<Record<string, readonly string[]>> = {
  '002': ['015', '202'], // Africa: Northern Africa, Sub-Saharan Africa
  '202': ['014', '017', '018', '011'], // Eastern, Middle, Southern, Western Africa
  '019': ['419', '021'], // Americas: Latin America and the Caribbean, Northern America
  '419': ['029', '013', '005'], // Caribbean, Central America, South America
  '003': ['021', '029', '013'], // North America (M49's second grouping)
  '142': ['143', '030', '035', '034', '145'], // Asia
  '150': ['151', '154', '039', '155'], // Europe
  '154': ['830'], // Northern Europe: Channel Islands
  '009': ['053', '054', '057', '061'], // Oceania
};

/** Smallest region → its countries (ISO 3166-1 alpha-2). */
const countriesByRegion: Readonly<Record<string, string>> = {
  '015': 'DZ EG LY MA SD TN EH',
  '014': 'IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW',
  '017': 'AO CM CF TD CG CD GQ GA ST',
  '018': 'BW SZ LS NA ZA',
  '011': 'BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG',
  '029': 'AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI',
  '013': 'BZ CR SV GT HN MX NI PA',
  '005': 'AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE',
  '021': 'BM CA GL PM US',
  '143': 'KZ KG TJ TM UZ',
  '030': 'CN HK MO KP JP MN KR',
  '035': 'BN KH ID LA MY MM PH SG TH TL VN',
  '034': 'AF BD BT IN IR MV NP PK LK',
  '145': 'AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE',
  '151': 'BY BG CZ HU PL MD RO RU SK UA',
  '154': 'AX DK EE FO FI IS IE IM LV LT NO SJ SE GB',
  '830': 'GG JE',
  '039': 'AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES',
  '155': 'AT BE FR DE LI LU MC NL CH',
  '053': 'AU CX CC HM NZ NF',
  '054': 'FJ NC PG SB VU',
  '057': 'GU KI MH FM NR MP PW UM',
  '061': 'AS CK PF NU PN WS TK TO TV WF',
};

const parents = new Map<string, string[]>();
for (const [parent, children] of Object.entries(subRegions)) {
  for (const child of children) parents.set(child, [...(parents.get(child) ?? []), parent]);
}

/** What a region filter takes in: the region itself, every region inside it, and their countries. */
export interface RegionScope {
  regionCodes: string[];
  countryCodes: string[];
}

/** The region and everything inside it (sorted); an unknown or leaf code is only itself. */
export function regionScope(code: string): RegionScope {
  const regions = new Set<string>();
  const visit = (region: string) => {
    if (regions.has(region)) return;
    regions.add(region);
    for (const child of subRegions[region] ?? []) visit(child);
  };
  visit(code);
  const countries = [...regions].flatMap((region) => countriesByRegion[region]?.split(' ') ?? []);
  return { regionCodes: [...regions].sort(), countryCodes: [...new Set(countries)].sort() };
}

/** Every region that contains `code` (a region or a country), nearest first; not `code` itself. */
export function enclosingRegions(code: string): string[] {
  const start = Object.entries(countriesByRegion)
    .filter(([, countries]) => countries.split(' ').includes(code))
    .map(([region]) => region);
  const found: string[] = [];
  const queue = start.length > 0 ? start : [...(parents.get(code) ?? [])];
  // An array iterator reads the length at each step: regions pushed below are visited too.
  for (const region of queue) {
    if (found.includes(region)) continue;
    found.push(region);
    queue.push(...(parents.get(region) ?? []));
  }
  return found;
}

/** Every region of this tree (not World), sorted: the choices of a region menu that is not limited to projects. */
export function listM49Regions(): string[] {
  return [...new Set([...Object.keys(subRegions), ...Object.values(subRegions).flat(), ...Object.keys(countriesByRegion)])].sort();
}

/** Every country this tree places under a region (ISO 3166-1 alpha-2), sorted. */
export function listM49Countries(): string[] {
  return [...new Set(Object.values(countriesByRegion).flatMap((countries) => countries.split(' ')))].sort();
}

/** True for a region of this tree, or World (001: a global project's region). */
export function isM49Region(code: string): boolean {
  return code === '001' || code in subRegions || code in countriesByRegion || parents.has(code);
}

/** True for a country this tree places under a region (ISO 3166-1 alpha-2). */
export function isM49Country(code: string): boolean {
  return Object.values(countriesByRegion).some((countries) => countries.split(' ').includes(code));
}
