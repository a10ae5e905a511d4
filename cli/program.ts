// Builds the commander program with every command. The entry (main.ts)
// parses with it and is the only place that prints errors and exits.
import { Command, Option, type OutputConfiguration } from "commander";
import packageJson from "../package.json";
import type { CommandContext, GlobalOptions } from "./command-context";
import { registerDebugCommand } from "./commands/debug-command";
import { registerIndexCommand } from "./commands/index-command";
import { registerModelsCommand } from "./commands/models";
import { registerSearchCommand } from "./commands/search-command";
import { registerSimilarCommand } from "./commands/similar-command";
import { registerStatusCommand } from "./commands/status-command";
import { CliFailure } from "./errors";
import { isUsageError } from "./models/models-error";

/** Output targets for help, usage errors and download progress. */
export interface ProgramOutput {
  readonly writeOut: (text: string) => void;
  readonly writeErr: (text: string) => void;
  /** Stream for download progress of `models fetch`. */
  readonly progressStream: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Global option values, read by the commands when they run. */
export interface ProgramGlobals extends GlobalOptions {
  readonly verbose?: boolean;
  readonly quiet?: boolean;
}

/**
 * Creates the program. `createContext` receives a getter of the global
 * options and returns the services the commands use. Commander is set to
 * throw instead of exiting, so the entry decides the exit code.
 */
export function buildProgram(output: ProgramOutput, createContext: (globals: () => ProgramGlobals) => CommandContext): Command {
  const program = new Command("queryable")
    .description("Private, offline search of a photo library by meaning, with CLIP embeddings.")
    .option("--index <PATH>", "index directory (default: $XDG_DATA_HOME/queryable/index, i.e. ~/.local/share/queryable/index)")
    .option("--model-dir <DIR>", "folder with the model's manifest.json, ONNX encoders and tokenizer files (default: $QUERYABLE_MODEL_DIR, else the per-user cache folder)")
    .addOption(new Option("--verbose", "log every step and every failed file to standard error").conflicts("quiet"))
    .option("--quiet", "log only errors, and show no progress")
    .version(packageJson.version, "--version", "print the version of queryable and exit")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput(outputConfiguration(output))
    .enablePositionalOptions(false);

  const context = createContext(() => program.opts<ProgramGlobals>());

  registerIndexCommand(program, context);
  registerSearchCommand(program, context);
  registerSimilarCommand(program, context);
  registerStatusCommand(program, context);
  registerDebugCommand(program, context);
  registerModelsCommand(program, {
    env: context.env,
    logger: context.logger,
    print: (line) => context.out(`${line}\n`),
    progressStream: output.progressStream,
    complete: (result) => {
      if (result.ok) return;
      throw new CliFailure({ code: isUsageError(result.error) ? "USAGE" : "MODEL_FETCH_FAILED", message: result.error.message });
    },
  });

  // Subcommands inherit the exit override and output settings.
  for (const command of program.commands) {
    configureSubcommands(command, output);
  }
  rejectEmptyValues(program);
  return program;
}

/**
 * Expected value of each path, glob and URL option, for the message about
 * an empty value. Other options are described by the value name in their flags.
 */
const expectedValues: Readonly<Record<string, string>> = {
  "--index": "an index folder, e.g. --index ~/photo-index",
  "--model-dir": "a model folder, e.g. --model-dir ~/.cache/queryable/models/clip-vit-b32",
  "--dest": "a model folder, e.g. --dest ~/.cache/queryable/models/clip-vit-b32",
  "--html": "a file to write, e.g. --html results.html",
  "--npy": "a file to write, e.g. --npy tensor.npy",
  "--exclude": "a glob such as \"*.gif\" or \"thumbnails/**\"",
  "--remove-exclude": "one of the exclusions that \"queryable status\" lists",
  "--remove-folder": "one of the folders that \"queryable status\" lists",
  "--base-url": "a URL, e.g. --base-url http://127.0.0.1:8080/models",
};

/**
 * Makes every option of `command` and its subcommands that takes a value
 * reject an empty or blank value with a USAGE error naming the option and
 * the expected value. Without this check, an empty path silently falls back
 * to a default or an environment variable, or names the current folder.
 * The error is a CliFailure, so it prints like the commands' usage errors.
 */
export function rejectEmptyValues(command: Command): void {
  for (const option of command.options) {
    if (!option.required && !option.optional) continue;
    const parse = option.parseArg;
    const name = option.long ?? option.flags;
    const valueName = /[<[]([^>\]]+)[>\]]/.exec(option.flags)?.[1] ?? "value";
    const expected = expectedValues[name] ?? (option.argChoices === undefined ? `a value for ${valueName}` : `one of ${option.argChoices.join(", ")}`);
    const fix = `give ${expected}${option.mandatory ? "" : `, or leave out ${name}`}`;
    option.argParser((value: string, previous: unknown) => {
      if (value.trim() === "") {
        throw new CliFailure({ code: "USAGE", message: `${name} ${JSON.stringify(value)} is ${value === "" ? "empty" : "blank"}; ${fix}` });
      }
      return parse === undefined ? value : parse.call(option, value, previous);
    });
  }
  for (const child of command.commands) rejectEmptyValues(child);
}

/** Prefix of every usage error, the same as the entry prints for a CliError with code USAGE. */
export const usageErrorPrefix = "queryable: error [USAGE]: ";

// Commander writes its parse errors as "error: ...", and the entry turns its
// CommanderError into exit code 2; the prefix makes them look like every other usage error.
function outputConfiguration(output: ProgramOutput): OutputConfiguration {
  return {
    writeOut: output.writeOut,
    writeErr: output.writeErr,
    outputError: (text, write) => write(`${usageErrorPrefix}${text.replace(/^error: /, "")}`),
  };
}

function configureSubcommands(command: Command, output: ProgramOutput): void {
  command.exitOverride().configureOutput(outputConfiguration(output)).showHelpAfterError("(run with --help for usage)");
  for (const child of command.commands) configureSubcommands(child, output);
}
