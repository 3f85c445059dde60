// graphql-js, the reference implementation every GraphQL client uses to load a schema, run the way a client runs it.
// Usage: node introspection.cjs NODE_MODULES queries        -> [{ options, query }] for every combination of options
//        node introspection.cjs NODE_MODULES check < ANSWERS -> buildClientSchema + assertValidSchema on each answer
//                                                                (a JSON array), prints what each schema holds
// NODE_MODULES is src/Analytics.Api/node_modules: the graphql package GraphiQL is built with there.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const [nodeModules, command] = process.argv.slice(2);
const optionNames = ['descriptions', 'specifiedByUrl', 'directiveIsRepeatable', 'schemaDescription', 'inputValueDeprecation', 'oneOf'];
const graphql = require(path.resolve(nodeModules, 'graphql'));

function facts(answer) {
  if (answer.errors) {
    throw new Error('the answer has errors: ' + JSON.stringify(answer.errors));
  }
  const schema = graphql.buildClientSchema(answer.data);
  graphql.assertValidSchema(schema);
  const typeMap = schema.getTypeMap();
  const scalars = Object.values(typeMap).filter(t => graphql.isScalarType(t) && !t.name.startsWith('__'));
  const inputs = Object.values(typeMap).filter(t => graphql.isInputObjectType(t));
  return {
    queryType: schema.getQueryType()?.name ?? null,
    mutationType: schema.getMutationType()?.name ?? null,
    description: schema.description ?? null,
    typeCount: Object.keys(typeMap).length,
    specifiedBy: Object.fromEntries(scalars.map(t => [t.name, t.specifiedByURL ?? null])),
    directives: schema.getDirectives().map(d => ({ name: d.name, isRepeatable: d.isRepeatable })),
    oneOf: inputs.filter(t => t.isOneOf).map(t => t.name),
    // What clients print and diff: a change of contract shows as a change here.
    sdlLength: graphql.printSchema(schema).length,
    fieldCount: Object.values(typeMap).filter(t => graphql.isObjectType(t) && !t.name.startsWith('__')).reduce((n, t) => n + Object.keys(t.getFields()).length, 0),
  };
}

if (command === 'queries') {
  // The defaults first (no options object at all, as most clients call it), then all 2^6 combinations.
  const combinations = [null];
  for (let bits = 0; bits < 1 << optionNames.length; bits++) {
    combinations.push(Object.fromEntries(optionNames.map((name, i) => [name, (bits & (1 << i)) !== 0])));
  }
  process.stdout.write(JSON.stringify(combinations.map(options => ({
    options,
    query: options === null ? graphql.getIntrospectionQuery() : graphql.getIntrospectionQuery(options),
  }))));
} else if (command === 'check') {
  process.stdout.write(JSON.stringify(JSON.parse(fs.readFileSync(0, 'utf8')).map(facts)));
} else {
  throw new Error('usage: introspection.cjs NODE_MODULES (queries | check)');
}
