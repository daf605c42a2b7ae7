#include "CliCompletion.h"

namespace footfall {

namespace {

QString words(const QStringList& list)
{
    return list.join(QLatin1Char(' '));
}

QString reply(const QStringList& list)
{
    return QStringLiteral("COMPREPLY=($(compgen -W \"%1\" -- \"$cur\"))").arg(words(list));
}

} // namespace

QString CliCompletion::bashScript(const QList<Command>& commands, const QStringList& globalOptions)
{
    QStringList names;
    QString subcommandCases;
    QString valueCases;
    QString flagCases;
    QStringList flat; // commands without subcommands
    for (const Command& command : commands) {
        names << command.name;
        QStringList subcommands;
        for (const Subcommand& subcommand : command.subcommands) {
            const QString key =
                subcommand.name.isEmpty() ? command.name : command.name + QLatin1Char(' ') + subcommand.name;
            if (subcommand.name.isEmpty())
                flat << command.name;
            else
                subcommands << subcommand.name;
            flagCases += QStringLiteral("    \"%1\") %2 ;;\n").arg(key, reply(subcommand.flags));
            for (auto it = subcommand.flagValues.constBegin(); it != subcommand.flagValues.constEnd(); ++it)
                valueCases +=
                    QStringLiteral("    \"%1:%2\") %3; return ;;\n").arg(key, it.key(), reply(it.value()));
        }
        if (!subcommands.isEmpty())
            subcommandCases += QStringLiteral("        %1) %2 ;;\n").arg(command.name, reply(subcommands));
    }
    return QStringLiteral(
               "# bash completion for footfall, written by `footfall completion bash` from its catalog.\n"
               "_footfall()\n"
               "{\n"
               "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
               "    local command= subcommand= i\n"
               "    # The command and its subcommand: the first words that are neither flags nor a global\n"
               "    # flag's value.\n"
               "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
               "        case ${COMP_WORDS[i]} in\n"
               "        --db | --region | --query | --output) [[ -z $command ]] && ((i++)) ;;\n"
               "        -*) ;;\n"
               "        *)\n"
               "            if [[ -z $command ]]; then\n"
               "                command=${COMP_WORDS[i]}\n"
               "                case \" %1 \" in *\" $command \"*) break ;; esac\n"
               "            elif [[ -z $subcommand ]]; then\n"
               "                subcommand=${COMP_WORDS[i]}\n"
               "                break\n"
               "            fi\n"
               "            ;;\n"
               "        esac\n"
               "    done\n"
               "    if [[ $cur == file://* ]]; then\n"
               "        COMPREPLY=($(compgen -f -P file:// -- \"${cur#file://}\"))\n"
               "        return\n"
               "    fi\n"
               "    case $prev in\n"
               "    --output) COMPREPLY=($(compgen -W \"json text table\" -- \"$cur\")); return ;;\n"
               "    --db | --outfile) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
               "    --generate-cli-skeleton) COMPREPLY=($(compgen -W \"input output\" -- \"$cur\")); return "
               ";;\n"
               "    esac\n"
               "    if [[ -z $command ]]; then\n"
               "        COMPREPLY=($(compgen -W \"%2 %3\" -- \"$cur\"))\n"
               "        return\n"
               "    fi\n"
               "    local key=\"$command${subcommand:+ $subcommand}\"\n"
               "    if [[ -z $subcommand && \" %1 \" != *\" $command \"* ]]; then\n"
               "        case $command in\n"
               "%4"
               "        esac\n"
               "        return\n"
               "    fi\n"
               "    case \"$key:$prev\" in\n"
               "%5"
               "    esac\n"
               "    case \"$key\" in\n"
               "%6"
               "    esac\n"
               "}\n"
               "complete -o default -F _footfall footfall\n")
        .arg(words(flat), words(names), words(globalOptions), subcommandCases, valueCases, flagCases);
}

} // namespace footfall
