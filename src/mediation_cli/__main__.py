from mediation_cli.app import main

main()
