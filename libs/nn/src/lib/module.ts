// The module tree every network in the monorepo is built from: named children, named parameters
// (trainable tf.Variables) and buffers (non-trainable state such as SpectralNorm's u vector).
//
// Determinism by path, not by order: a module's Rng is its parent's `rng.child(name)`, and a
// parameter's draws come from `rng.child(parameterName)`. So `stage1.block0.conv1.weight` is a
// function of the root seed and that path alone; adding, removing or reordering other layers never
// changes it.
import { Rng, tf, type RandomSource } from '@lddm/runtime';

/** Builds a child from the random stream named after its place in the tree. */
export type Build<M extends Module> = (rng: Rng) => M;

/** A parameter's initial value, or a draw from the stream named after the parameter. */
export type Init = tf.Tensor | ((rng: Rng) => tf.Tensor);

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$|^[0-9]+$/;

export abstract class Module {
  private readonly rngSource: Rng | undefined;
  private readonly children = new Map<string, Module>();
  private readonly params = new Map<string, tf.Variable>();
  private readonly buffers = new Map<string, tf.Variable>();
  private parentLink: { parent: Module; name: string } | undefined;
  private trainingMode = true;
  private disposed = false;

  /**
   * Modules that draw random parameters need a source; parameter-free or constant-initialised
   * ones may omit it. Streams are named, not consumed: two modules built from the same Rng draw
   * the same numbers, so give each root its own seed and build children with addModule.
   */
  constructor(source?: RandomSource) {
    this.rngSource = source === undefined ? undefined : source instanceof Rng ? source : new Rng(source);
  }

  /** The dotted path from the root ('' at the root), for messages and names. */
  get path(): string {
    if (this.parentLink === undefined) return '';
    const above = this.parentLink.parent.path;
    return above === '' ? this.parentLink.name : `${above}.${this.parentLink.name}`;
  }

  /** e.g. `Conv2d(stage1.conv1)`: error messages name the layer that rejected its input. */
  get label(): string {
    const where = this.path;
    return where === '' ? this.constructor.name : `${this.constructor.name}(${where})`;
  }

  get training(): boolean {
    return this.trainingMode;
  }

  /** Sets train (true) or eval (false) mode here and in every descendant. */
  train(on = true): this {
    this.trainingMode = on;
    for (const child of this.children.values()) child.train(on);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Freezes (false) or unfreezes every parameter below; buffers stay non-trainable. */
  setTrainable(trainable: boolean): this {
    for (const [, v] of this.namedParameters()) v.trainable = trainable;
    return this;
  }

  /** Parameters in registration order, own before children's, with dotted names. */
  namedParameters(): Array<[string, tf.Variable]> {
    return this.collect((m) => m.params);
  }

  namedBuffers(): Array<[string, tf.Variable]> {
    return this.collect((m) => m.buffers);
  }

  parameters(options: { trainableOnly?: boolean } = {}): tf.Variable[] {
    const all = this.namedParameters().map(([, v]) => v);
    return options.trainableOnly === true ? all.filter((v) => v.trainable) : all;
  }

  /** Parameters and buffers by name: what saveCheckpoint writes and restoreCheckpoint assigns. */
  stateDict(): Record<string, tf.Variable> {
    return Object.fromEntries([...this.namedParameters(), ...this.namedBuffers()]);
  }

  /** Number of scalar parameters (buffers excluded), as PyTorch's sum(p.numel()). */
  parameterCount(): number {
    return this.parameters().reduce((n, v) => n + v.size, 0);
  }

  namedChildren(): Array<[string, Module]> {
    return [...this.children.entries()];
  }

  /** Frees every variable below. The module must not be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const v of [...this.params.values(), ...this.buffers.values()]) v.dispose();
    for (const child of this.children.values()) child.dispose();
  }

  /** This module's random stream; throws for a module built without one. */
  protected get rng(): Rng {
    if (this.rngSource === undefined) throw new Error(`${this.label}: built without an Rng but draws random numbers`);
    return this.rngSource;
  }

  /** Registers a child built from the stream `rng.child(name)`, or a ready module (only if it draws nothing random). */
  protected addModule<M extends Module>(name: string, child: Build<M> | M): M {
    this.claim(name);
    const built = child instanceof Module ? child : child(this.rng.child(name));
    if (built.parentLink !== undefined) {
      throw new Error(`${this.label}: module ${built.label} is already registered; a module has one place in the tree`);
    }
    built.parentLink = { parent: this, name };
    built.train(this.trainingMode);
    this.children.set(name, built);
    return built;
  }

  /**
   * A trainable variable: `init` is a tensor (constant initialisers need no Rng) or draws from
   * `rng.child(name)`. The variable takes ownership of the initial tensor.
   */
  protected addParameter(name: string, init: Init, options: { trainable?: boolean } = {}): tf.Variable {
    this.claim(name);
    const v = makeVariable(this.initial(name, init), options.trainable ?? true);
    this.params.set(name, v);
    return v;
  }

  /** Non-trainable state saved in checkpoints but never optimised. */
  protected addBuffer(name: string, init: Init): tf.Variable {
    this.claim(name);
    const v = makeVariable(this.initial(name, init), false);
    this.buffers.set(name, v);
    return v;
  }

  private initial(name: string, init: Init): tf.Tensor {
    // tidy: an initialiser's intermediates (a draw, then a normalisation) are freed here.
    return init instanceof tf.Tensor ? init : tf.tidy(() => init(this.rng.child(name)));
  }

  private claim(name: string): void {
    if (!NAME.test(name)) throw new Error(`${this.label}: "${name}" is not a valid name (an identifier or an index)`);
    if (this.children.has(name) || this.params.has(name) || this.buffers.has(name)) {
      throw new Error(`${this.label}: "${name}" is already registered`);
    }
  }

  private collect(pick: (m: Module) => Map<string, tf.Variable>, prefix = ''): Array<[string, tf.Variable]> {
    const own = [...pick(this).entries()].map(([n, v]): [string, tf.Variable] => [prefix + n, v]);
    const below = [...this.children.entries()].flatMap(([n, c]) => c.collect(pick, `${prefix}${n}.`));
    return [...own, ...below];
  }
}

/** tfjs variable names are global, so tfjs picks unique ones; our dotted names live in the tree. */
function makeVariable(initial: tf.Tensor, trainable: boolean): tf.Variable {
  const v = tf.variable(initial, trainable);
  initial.dispose();
  return v;
}
