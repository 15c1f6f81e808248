import { describe, expect, it, vi } from 'vitest';
import { CaseLinks, caseLinkInArgv, parseCaseLink } from '../../../src/main/links/case-link';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('parseCaseLink', () => {
  it('reads the case id of a kvue://case link, in any letter case, with a trailing slash', () => {
    expect(parseCaseLink(`kvue://case/${ID}`)).toEqual({ caseId: ID });
    expect(parseCaseLink(`KVUE://CASE/${ID.toUpperCase()}/`)).toEqual({ caseId: ID });
  });

  it('refuses everything else a web page or mail could put in a link', () => {
    for (const link of [
      '',
      'kvue://case/',
      'kvue://case/123',
      `kvue://case/${ID}/photos`,
      `kvue://case/${ID}?delete=1`,
      `kvue://case/${ID}#x`,
      `kvue://user:pw@case/${ID}`,
      `kvue://case:80/${ID}`,
      `kvue://message/${ID}`,
      `https://case/${ID}`,
      `kvue:case/${ID}`,
      `kvue://case/${ID}%2F..%2F`,
      `kvue://case/${'a'.repeat(300)}`,
    ]) {
      expect(parseCaseLink(link), link).toBeNull();
    }
  });

  it('finds the link among the arguments Windows and Chromium pass', () => {
    expect(
      caseLinkInArgv(['C:\\kvue-desk.exe', '--allow-file-access', `kvue://case/${ID}`]),
    ).toEqual({
      caseId: ID,
    });
    expect(caseLinkInArgv(['C:\\kvue-desk.exe', 'kvue://case/nope'])).toBeNull();
    expect(caseLinkInArgv(['C:\\kvue-desk.exe'])).toBeNull();
  });
});

describe('CaseLinks', () => {
  it('announces a link and hands it out once', () => {
    const announce = vi.fn();
    const links = new CaseLinks(announce);
    expect(links.take()).toBeNull();
    links.open({ caseId: ID });
    expect(announce).toHaveBeenCalledWith({ caseId: ID });
    expect(links.take()).toEqual({ caseId: ID });
    expect(links.take()).toBeNull();
  });
});
