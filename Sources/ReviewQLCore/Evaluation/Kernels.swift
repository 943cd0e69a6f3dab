/// The switch over the evaluator's fast ways (conditions decided per dictionary code or over
/// typed arrays, dense groups, typed measures, joins by code, `describe` over typed storage):
/// on, except where a test turns them off to compare each answer with the general path's,
/// row by row on boxed values (`KernelDifferentialTests`).
enum Kernels {
    @TaskLocal static var enabled = true
}
