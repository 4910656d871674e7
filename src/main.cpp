// tconv's entry point: everything lives in tconv::cli.
#include "cli/app.hpp"

int main(int argc, char** argv) { return tconv::cli::run(argc, argv); }
