// The simulated Vipps user behind every approval, as the Userinfo endpoint shows them: OpenID Connect
// claims, only those the payment's `profile.scope` asked for
// (https://developer.vippsmobilepay.com/docs/APIs/userinfo-api/userinfo-api-guide#scope).

const TEST_USER = {
  name: 'Kari Nordmann',
  givenName: 'Kari',
  familyName: 'Nordmann',
  email: 'kari.nordmann@example.com',
  phoneNumber: '4791234567',
  birthdate: '1990-05-17',
  address: {
    street_address: 'Robert Levins gate 5',
    postal_code: '0154',
    region: 'Oslo',
    country: 'NO',
    formatted: 'Robert Levins gate 5\n0154 Oslo\nNO',
    address_type: 'home',
  },
};

/**
 * `scope` is the payment's space-separated `profile.scope`; `phoneNumber` the number the payment was
 * sent to (`customer.phoneNumber`), which is then the user's.
 */
export function userinfoClaims(sub: string, scope: string, phoneNumber?: string): Record<string, unknown> {
  const scopes = new Set(scope.split(' ').filter((s) => s !== ''));
  return {
    sub,
    ...(scopes.has('name') ? { name: TEST_USER.name, given_name: TEST_USER.givenName, family_name: TEST_USER.familyName } : {}),
    ...(scopes.has('email') ? { email: TEST_USER.email, email_verified: true } : {}),
    ...(scopes.has('phoneNumber') ? { phone_number: phoneNumber ?? TEST_USER.phoneNumber } : {}),
    ...(scopes.has('address') ? { address: { ...TEST_USER.address }, other_addresses: [] } : {}),
    ...(scopes.has('birthDate') ? { birthdate: TEST_USER.birthdate } : {}),
  };
}
