// The footer every marketing-type email ends with (impact reports, allocation notices): why the
// donor receives it, the preferences and one-click unsubscribe links (RFC 8058's link is also in
// the headers), and the organisation's postal address, which bulk mail must carry.
import { Link, Text } from '@react-email/components';
import { smallStyle } from './giving-parts.tsx';

export interface MarketingFooterProps {
  why: string;
  preferences: string;
  preferencesUrl?: string;
  unsubscribe: string;
  unsubscribeUrl: string;
  address: string;
}

export function MarketingFooter({ why, preferences, preferencesUrl, unsubscribe, unsubscribeUrl, address }: MarketingFooterProps) {
  return (
    <>
      <Text style={smallStyle}>{why}</Text>
      <Text style={smallStyle}>
        {preferencesUrl ? (
          <>
            <Link href={preferencesUrl}>{preferences}</Link>
            {' · '}
          </>
        ) : null}
        <Link href={unsubscribeUrl}>{unsubscribe}</Link>
      </Text>
      <Text style={smallStyle}>{address}</Text>
    </>
  );
}

/** The same footer as plain-text blocks, for plainTextEmail. */
export function marketingFooterText({ why, preferences, preferencesUrl, unsubscribe, unsubscribeUrl, address }: MarketingFooterProps) {
  return [why, preferencesUrl ? `${preferences}: ${preferencesUrl}` : null, `${unsubscribe}: ${unsubscribeUrl}`, address];
}
