/**
 * Actions: their metadata, the parameter schema shared by actions and runners, parameter casting,
 * the registry and packs. For now it holds only the parameter description types that runners use
 * to declare their runner parameters and to read an action's positional arguments.
 */
package dev.reflex.actions;
