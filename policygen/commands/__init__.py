"""One module per subcommand: ``register(subparsers)`` adds its arguments, ``run(args, project)`` runs it."""

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
