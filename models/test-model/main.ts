// Entry of `npm run test-model -- DIR`: writes the colour test model into DIR.
import { buildColourTestModel } from "./build-colour-test-model";

const usage = "usage: npm run test-model -- DIR   (writes the colour test model into DIR for --model-dir DIR)";

async function main(args: readonly string[]): Promise<number> {
  const dir = args[0];
  if (dir === undefined || dir === "" || dir.startsWith("-") || args.length > 1) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }

  try {
    const model = await buildColourTestModel(dir);
    process.stdout.write(`wrote the colour test model (${model.manifest.id}) to ${model.dir}\n`);
    process.stdout.write(`${model.vocabularyNote}\n`);
    process.stdout.write(`pass --model-dir ${model.dir} to queryable commands to use it\n`);
    return 0;
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    process.stderr.write(`cannot write the colour test model to ${dir}: ${reason}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
