// The UN M49 hierarchy behind every region filter: a region takes in its sub-regions, their
// intermediate regions and every country in them; World (001) stays "global projects".
import { describe, expect, it } from 'vitest';
import { enclosingRegions, regionScope } from '~/platform/m49-regions.ts';

describe('regionScope', () => {
  it('Americas takes in Latin America and the Caribbean, South America, the Caribbean and their countries', () => {
    const americas = regionScope('019');
    expect(americas.regionCodes).toEqual(expect.arrayContaining(['019', '419', '005', '029', '013', '021']));
    expect(americas.countryCodes).toEqual(expect.arrayContaining(['CO', 'BR', 'JM', 'MX', 'US', 'CA']));
    expect(americas.countryCodes).not.toContain('NG');
  });

  it('Sub-Saharan Africa takes in Western, Eastern, Middle and Southern Africa but not Northern Africa', () => {
    const subSaharan = regionScope('202');
    expect(subSaharan.regionCodes).toEqual(['011', '014', '017', '018', '202']);
    expect(subSaharan.countryCodes).toEqual(expect.arrayContaining(['NG', 'KE', 'MZ', 'CD', 'ZA']));
    expect(subSaharan.countryCodes).not.toContain('EG');
    expect(regionScope('002').regionCodes).toEqual(['002', '011', '014', '015', '017', '018', '202']);
  });

  it('a smallest region is itself with its countries; World and unknown codes are only themselves', () => {
    expect(regionScope('035')).toEqual({
      regionCodes: ['035'],
      countryCodes: ['BN', 'ID', 'KH', 'LA', 'MM', 'MY', 'PH', 'SG', 'TH', 'TL', 'VN'],
    });
    expect(regionScope('001')).toEqual({ regionCodes: ['001'], countryCodes: [] });
    expect(regionScope('999')).toEqual({ regionCodes: ['999'], countryCodes: [] });
  });

  it('no country sits in two smallest regions, and every country code is ISO 3166-1 alpha-2', () => {
    const leaves = [
      '015',
      '014',
      '017',
      '018',
      '011',
      '029',
      '013',
      '005',
      '021',
      '143',
      '030',
      '035',
      '034',
      '145',
      '151',
      '154',
      '039',
      '155',
      '053',
      '054',
      '057',
      '061',
    ];
    const all = leaves.flatMap((code) =>
      regionScope(code).countryCodes.filter((country) => !['GG', 'JE'].includes(country) || code !== '154'),
    );
    expect(new Set(all).size).toBe(all.length);
    for (const country of all) expect(country).toMatch(/^[A-Z]{2}$/);
    expect(all.length).toBeGreaterThan(240);
  });
});

describe('enclosingRegions', () => {
  it('a country: its region and every region above it, nearest first', () => {
    expect(enclosingRegions('NG')).toEqual(['011', '202', '002']);
    expect(enclosingRegions('CO')).toEqual(['005', '419', '019']);
    expect(enclosingRegions('JE')).toEqual(['830', '154', '150']);
  });

  it('a region: its parents (both M49 groupings for the Caribbean)', () => {
    expect(enclosingRegions('029')).toEqual(['419', '003', '019']);
    expect(enclosingRegions('001')).toEqual([]);
  });
});
