import type {ConnectorNames} from './exchange-name';

/** What the developer does next, printed after generation; docs/adding-an-exchange.md has the why. */
export function nextSteps(names: ConnectorNames, packagePath: string): string {
  const pkg = packagePath;
  return `Next steps (docs/adding-an-exchange.md walks through each):
  1. npm install                  # links the new workspace and records it in package-lock.json (commit it:
                                  # the image build runs npm ci, which refuses a lock without the package)
  2. Declare the exchange:        ${pkg}/src/${names.id}.ts (every TODO: marketCode, candlesRequest, errors,
                                  tradedValue, limits; a quota-header parser in src/quota-header.ts if any),
                                  metadata.yaml allowedHosts
  3. Record real responses:       ${pkg}/test/fixtures/candles.json and markets.json
  4. Write the parsers:           ${pkg}/src/${names.id}.ts, ${pkg}/src/response-schemas.ts
  5. Teach the tests the wire:    ${pkg}/test/exchange-responses.ts (candleRow; order, bounds and error
                                  bodies follow the declarations), test/parse.test.ts (OLDEST_ROW),
                                  test/read.test.ts (the it.todo cases)
  6. npm run build && (cd ${pkg} && npx jest)   # fails with "not implemented: ..." until 2-5 are done
     npm run write-specs          # once it builds, and after any change to the declaration: writes
                                  # ${pkg}/src/connection-specification.ts (npm test checks it)
  7. Docs: ${names.docPath}; then open a pull request (CI builds the image and runs spec)
  8. Before the first publish, create the ECR repositories ${names.dockerRepository} and
     dev/${names.dockerRepository} (docs/aws-setup.md#2-ecr-repositories)`;
}
