// engine/facts: everything about a dump file in one include — reading (fact_reader.hpp),
// checking and merging (fact_validator.hpp), writing (fact_writer.hpp) and finding dump
// files (dump_files.hpp). Include the one you need where that is enough.
#pragma once

#include "engine/facts/dump_files.hpp"
#include "engine/facts/fact_document.hpp"
#include "engine/facts/fact_reader.hpp"
#include "engine/facts/fact_validator.hpp"
#include "engine/facts/fact_writer.hpp"
