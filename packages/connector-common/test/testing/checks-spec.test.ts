import {checkSpec, type AirbyteMessage} from '@korea-candles/connector-common/testing';

type Schema = Record<string, unknown>;

const goodSpecification = (): Schema => ({
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Upbit',
  type: 'object',
  required: ['start_date'],
  additionalProperties: true,
  properties: {
    start_date: {
      type: 'string',
      title: 'Start date',
      description: 'First hour, UTC.',
      format: 'date-time',
    },
    api_key: {
      type: 'string',
      title: 'API key',
      description: 'Read-only key.',
      airbyte_secret: true,
    },
    markets: {
      type: 'array',
      title: 'Markets',
      description: 'Market codes; empty means all KRW markets.',
      items: {type: 'string'},
    },
  },
});

const spec = (connectionSpecification: Schema, extra: Schema = {}): AirbyteMessage => ({
  type: 'SPEC',
  spec: {documentationUrl: 'https://example.com/docs', connectionSpecification, ...extra},
});

function withProperty(name: string, property: Schema): Schema {
  const s = goodSpecification();
  (s.properties as Schema)[name] = property;
  return s;
}

describe('checkSpec', () => {
  it('accepts a conforming spec and a config that validates against it', () => {
    expect(
      checkSpec([spec(goodSpecification(), {protocol_version: '0.2.0'})], {
        exitCode: 0,
        config: {start_date: '2024-01-01T00:00:00Z'},
      })
    ).toEqual([]);
  });

  it.each<[string, AirbyteMessage[], RegExp]>([
    ['no SPEC', [], /spec: expected exactly 1 SPEC message, got 0/],
    [
      'two SPECs',
      [spec(goodSpecification()), spec(goodSpecification())],
      /expected exactly 1 SPEC message, got 2/,
    ],
    [
      'an invalid draft-07 schema',
      [spec({...goodSpecification(), type: 'objekt'})],
      /connectionSpecification not a valid draft-07 schema/,
    ],
    [
      'a non-draft-07 $schema',
      [spec({...goodSpecification(), $schema: 'https://json-schema.org/draft/2020-12/schema'})],
      /Airbyte validates draft-07/,
    ],
    [
      'an unmarked secret',
      [
        spec(
          withProperty('client_secret', {
            type: 'string',
            title: 'Secret',
            description: 'OAuth secret.',
          })
        ),
      ],
      /properties.client_secret: "client_secret" holds a secret; set "airbyte_secret": true/,
    ],
    [
      'airbyte_secret on a non-scalar',
      [
        spec(
          withProperty('flags', {
            type: 'boolean',
            title: 'Flags',
            description: 'x',
            airbyte_secret: true,
          })
        ),
      ],
      /properties.flags: airbyte_secret is only for string\/integer\/number fields/,
    ],
    [
      'a forbidden keyword',
      [
        spec(
          withProperty('n', {
            title: 'N',
            description: 'x',
            anyOf: [{type: 'string'}, {type: 'integer'}],
          })
        ),
      ],
      /properties.n: keyword "anyOf" is not allowed in a spec/,
    ],
    [
      'a null-first type array',
      [spec(withProperty('n', {type: ['null', 'string'], title: 'N', description: 'x'}))],
      /properties.n: type \["null","string"\] must be \[T\] or \[T, "null"\]/,
    ],
    [
      'additionalProperties false',
      [spec({...goodSpecification(), additionalProperties: false})],
      /\(root\): additionalProperties must be true when present/,
    ],
    [
      'a property without title',
      [spec(withProperty('n', {type: 'string', description: 'x'}))],
      /properties.n: needs a non-empty "title"/,
    ],
    [
      'a property without description',
      [spec(withProperty('n', {type: 'string', title: 'N'}))],
      /properties.n: needs a non-empty "description"/,
    ],
    [
      'protocol_version 1.x',
      [spec(goodSpecification(), {protocol_version: '1.0.0'})],
      /protocol_version "1.0.0" must be a 0.x semver/,
    ],
    [
      'duplicate enum values',
      [
        spec(
          withProperty('unit', {type: 'string', title: 'U', description: 'x', enum: ['a', 'a']})
        ),
      ],
      /properties.unit: enum values must be unique/,
    ],
    [
      'a oneOf without a const discriminator',
      [
        spec(
          withProperty('auth', {
            type: 'object',
            title: 'Auth',
            description: 'x',
            oneOf: [
              {
                title: 'A',
                properties: {
                  key: {type: 'string', title: 'K', description: 'x', airbyte_secret: true},
                },
              },
              {title: 'B', properties: {user: {type: 'string', title: 'U', description: 'x'}}},
            ],
          })
        ),
      ],
      /properties.auth: oneOf variants need exactly one common property with "const"/,
    ],
    [
      'an unresolved $ref',
      [spec(withProperty('n', {$ref: '#/definitions/missing'}))],
      /schema does not compile: can't resolve reference/,
    ],
  ])('reports %s', (_name, messages, expected) => {
    expect(checkSpec(messages, {exitCode: 0})).toContainEqual(expect.stringMatching(expected));
  });

  it('reports a valid config the spec rejects, naming the field', () => {
    expect(
      checkSpec([spec(goodSpecification())], {exitCode: 0, config: {start_date: 20240101}})
    ).toContainEqual(
      expect.stringMatching(
        /the valid test config does not validate against connectionSpecification: config.start_date must be string/
      )
    );
  });

  it('reports a non-zero exit code', () => {
    expect(checkSpec([spec(goodSpecification())], {exitCode: 2})).toEqual([
      'spec: exit code 2; the command must exit 0',
    ]);
  });
});
