import type {ConnectorImage} from '../../src/airbyte/metadata';
import {describePlan, planRegistration, type Definition} from '../../src/airbyte/plan';

const image: ConnectorImage = {
  name: 'Upbit Hourly Candles',
  dockerRepository: 'korea-candles/source-upbit-candles',
  dockerImageTag: '0.2.0',
  documentationUrl: 'https://example.com/docs',
  metadataPath: 'metadata.yaml',
};

function definition(overrides: Partial<Definition>): Definition {
  return {
    id: 'id-1',
    name: image.name,
    dockerRepository: image.dockerRepository,
    dockerImageTag: '0.1.0',
    ...overrides,
  };
}

describe('planRegistration', () => {
  it('matches Docker Hub repositories written with or without docker.io/', () => {
    const plan = planRegistration(image, [
      definition({
        dockerRepository: 'docker.io/korea-candles/source-upbit-candles',
        dockerImageTag: '0.2.0',
      }),
    ]);
    expect(plan.action).toBe('none');
  });

  it('renames a definition whose tag is current but whose name drifted', () => {
    const plan = planRegistration(image, [
      definition({name: 'upbit (old)', dockerImageTag: '0.2.0'}),
    ]);
    expect(plan.action).toBe('update');
    expect(describePlan(plan, image)).toBe(
      'update definition id-1 (korea-candles/source-upbit-candles): name "upbit (old)" -> "Upbit Hourly Candles"'
    );
  });

  it('refuses to pick between two definitions of the same repository', () => {
    expect(() =>
      planRegistration(image, [definition({id: 'a'}), definition({id: 'b', name: 'copy'})])
    ).toThrow(
      '2 source definitions use korea-candles/source-upbit-candles (a "Upbit Hourly Candles", b "copy")'
    );
  });

  it('ignores a catalog (non-custom) connector that shares the display name', () => {
    const plan = planRegistration(image, [
      definition({dockerRepository: 'airbyte/source-upbit', custom: false}),
    ]);
    expect(plan).toEqual({action: 'create'});
  });
});

describe('planRegistration without a custom flag (public API)', () => {
  it('ignores a same-named catalog connector, known by its airbyte/ repository', () => {
    const plan = planRegistration(image, [
      definition({dockerRepository: 'airbyte/source-upbit'}),
      definition({id: 'id-2', dockerRepository: 'docker.io/airbyte/source-upbit'}),
    ]);
    expect(plan).toEqual({action: 'create'});
  });

  it('still refuses a same-named definition of another repository outside airbyte/', () => {
    expect(() =>
      planRegistration(image, [definition({dockerRepository: 'someone/source-upbit'})])
    ).toThrow('a source definition named "Upbit Hourly Candles" (id-1) already exists');
  });

  it('trusts an explicit custom flag over the repository', () => {
    expect(() =>
      planRegistration(image, [
        definition({dockerRepository: 'airbyte/source-upbit', custom: true}),
      ])
    ).toThrow('already exists but pulls airbyte/source-upbit');
  });
});
